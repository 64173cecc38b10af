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
 * {@link StreamCache} Camel leaves it alone (no spooling of gigabytes into the heap); {@link #reset()}, {@link #copy}
 * and {@link #writeTo} read the same GET ({@link ObjectDownload}: the first bytes are kept for a reader that starts
 * again), so one attempt sends one GET whatever its downstream does; {@link #discard()} ends the attempt. Not
 * thread-safe, except {@link #abandon()}; its copies may be read on other threads.
 */
public final class S3ObjectStream extends InputStream implements StreamCache {

    /** Read by the threads its copies are made on. */
    private volatile ObjectDownload download;
    /** The GET of this stream alone, once the shared one cannot serve it, and the same through the check. */
    private ResponseInputStream<GetObjectResponse> own;
    private InputStream ownVerified;
    private volatile boolean abandoned;
    private long position;

    /**
     * @param expected    the checksum every read to the end must find, null for none
     * @param replayLimit bytes kept for a reader that starts again; past them it sends a GET of its own
     * @param opened      the response of a GET of {@code request} already sent, read first
     */
    public S3ObjectStream(S3Client s3, GetObjectRequest request, long length, PayloadChecksum expected, int replayLimit,
                          ResponseInputStream<GetObjectResponse> opened) {
        this(new ObjectDownload(s3, request, length, expected, replayLimit, opened));
    }

    private S3ObjectStream(ObjectDownload download) {
        this.download = download;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        requireNotAbandoned();
        if (count == 0) {
            return 0;
        }
        int n = own == null ? download.read(position, buffer, offset, count) : ObjectDownload.UNAVAILABLE;
        if (n == ObjectDownload.UNAVAILABLE) {
            n = ownGet().read(buffer, offset, count);
        }
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /** The shared GET cannot give what this stream wants: a GET of its own, read up to where this stream is. */
    private InputStream ownGet() throws IOException {
        if (own == null) {
            own = download.get();
            ownVerified = download.verified(own);
            // through the check: it sees every byte of this GET
            ownVerified.skipNBytes(position);
        }
        return ownVerified;
    }

    @Override
    public int available() throws IOException {
        return own != null ? ownVerified.available() : download.available(position);
    }

    /** Back to the first byte, which the shared GET still gives, or a GET of its own past the bytes kept. */
    @Override
    public void reset() {
        closeOwn();
        position = 0;
    }

    /** Lets go of a GET of its own; the shared one stays, for other readers and for a {@link #reset()}. */
    @Override
    public void close() {
        closeOwn();
    }

    /**
     * The end of an attempt: the shared GET's connection and bytes go (its copies send GETs of their own if still
     * read), and the next read, from the first byte, sends a new GET.
     */
    public void discard() {
        closeOwn();
        download.release();
        download = download.fresh();
        position = 0;
    }

    /**
     * Cuts the stream for good, from any thread: its connection is dropped, so a read blocked in it fails, and every
     * later read fails too (a {@link #copy} reads the object again).
     */
    public void abandon() {
        abandoned = true;
        download.abort();
        ResponseInputStream<GetObjectResponse> response = own;
        if (response != null) {
            response.abort();
        }
    }

    private void requireNotAbandoned() throws IOException {
        if (abandoned) {
            throw new IOException(this + " was abandoned: its reader ran out of time");
        }
    }

    private void closeOwn() {
        if (own != null) {
            ObjectDownload.close(own, download.length() - position);
            own = null;
            ownVerified = null;
        }
    }

    /** The whole object, from the first byte, whatever this stream has read. */
    @Override
    public void writeTo(OutputStream os) throws IOException {
        requireNotAbandoned();
        try (S3ObjectStream whole = (S3ObjectStream) copy(null)) {
            whole.transferTo(os);
        }
    }

    /** A reader of the same GET from its first byte; of a new GET if this one was cut. */
    @Override
    public StreamCache copy(Exchange exchange) {
        return new S3ObjectStream(download.released() ? download.fresh() : download);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return download.length();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public String toString() {
        return download.toString();
    }
}
