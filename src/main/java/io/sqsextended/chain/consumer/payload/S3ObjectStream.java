package io.sqsextended.chain.consumer.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object as a message body: the bytes of a GET flow through as they are read, without being held. As a
 * {@link StreamCache} Camel leaves it alone (no spooling of gigabytes into the heap) and {@link #reset()} rewinds it
 * by opening a new GET, so redeliveries and re-reads see the whole object again. Not thread-safe, except
 * {@link #abandon()}.
 */
public final class S3ObjectStream extends InputStream implements StreamCache {

    /** Up to this many unread bytes are read off on close, which keeps the connection; more are cut by an abort. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final S3Client s3;
    private final GetObjectRequest request;
    private final long length;
    private final PayloadChecksum expected;
    private volatile ResponseInputStream<GetObjectResponse> current;
    /** What is read: {@link #current}, through the check of {@link #expected} from its first byte. */
    private InputStream reading;
    private volatile boolean abandoned;
    private long position;

    /** A stream whose GET is sent on its first read. */
    public S3ObjectStream(S3Client s3, GetObjectRequest request, long length, PayloadChecksum expected) {
        this(s3, request, length, expected, null);
    }

    /**
     * @param expected the checksum every read to the end must find, null for none
     * @param opened   the response of a GET already sent, read first; re-reads send {@code request}
     */
    public S3ObjectStream(S3Client s3, GetObjectRequest request, long length, PayloadChecksum expected,
                          ResponseInputStream<GetObjectResponse> opened) {
        this.s3 = s3;
        this.request = request;
        this.length = length;
        this.expected = expected;
        this.current = opened;
        this.reading = opened == null ? null : verified(opened);
    }

    @Override
    public int read() throws IOException {
        int b = open().read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = open().read(buffer, offset, count);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = open().skip(count);
        position += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return current == null ? 0 : current.available();
    }

    private InputStream open() throws IOException {
        if (abandoned) {
            throw new IOException(this + " was abandoned: its reader ran out of time");
        }
        if (current == null) {
            current = s3.getObject(request);
            reading = verified(current);
        }
        return reading;
    }

    /** Each GET is checked from its first byte: a re-read starts the checksum again. */
    private InputStream verified(InputStream response) {
        return expected == null ? response : new VerifyingInputStream(response, expected, toString());
    }

    /** Back to the first byte: the next read opens a new GET. */
    @Override
    public void reset() {
        release();
        position = 0;
    }

    @Override
    public void close() {
        release();
    }

    /**
     * Cuts the stream for good, from any thread: its connection is dropped, so a read blocked in it fails, and every
     * later read fails too (a {@link #copy} reads the object again).
     */
    public void abandon() {
        abandoned = true;
        ResponseInputStream<GetObjectResponse> response = current;
        if (response != null) {
            response.abort();
        }
    }

    private void release() {
        ResponseInputStream<GetObjectResponse> response = current;
        if (response != null) {
            current = null;
            reading = null;
            // closing reads the rest of the object off the network: worth it for a little, an abort drops the connection
            if (abandoned || length - position > DRAIN_LIMIT) {
                response.abort();
            } else {
                try {
                    response.close();
                } catch (IOException e) {
                    response.abort();
                }
            }
        }
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        if (abandoned) {
            throw new IOException(this + " was abandoned: its reader ran out of time");
        }
        try (InputStream whole = s3.getObject(request)) {
            verified(whole).transferTo(os);
        }
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new S3ObjectStream(s3, request, length, expected);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public String toString() {
        return "S3ObjectStream[s3://" + request.bucket() + "/" + request.key() + ", " + length + " bytes]";
    }
}
