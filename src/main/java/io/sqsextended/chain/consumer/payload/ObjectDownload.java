package io.sqsextended.chain.consumer.payload;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.io.IOException;
import java.io.InputStream;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The one GET of a payload within an attempt, shared by all its {@link S3ObjectStream}s (the body, its copies): its
 * bytes pass the checksum once, as the furthest reader reads them, and the first {@code replayLimit} of them are kept
 * so that a reader that starts again replays them. A reader it cannot serve (the bytes it wants went past the limit,
 * or this download was released) sends a GET of its own. Thread-safe.
 */
final class ObjectDownload {

    /** What {@link #read} answers for a position it cannot serve. */
    static final int UNAVAILABLE = -2;
    /** Up to this many unread bytes are read off on close, which keeps the connection; more are cut by an abort. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final S3Client s3;
    private final GetObjectRequest request;
    private final long length;
    private final PayloadChecksum expected;
    private final int replayLimit;
    /** Held by the read under way (one at a time: each byte passes the check once). */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ResponseInputStream<GetObjectResponse> response;
    /** {@link #response} through the check of {@link #expected}. */
    private InputStream verified;
    /**
     * The bytes read so far while they fit in {@link #replayLimit} (the first {@link #head}); null once they do not.
     */
    private byte[] replay = new byte[0];
    /** Bytes read off the response. */
    private long head;
    private boolean ended;
    private ChecksumMismatchException mismatch;
    private volatile boolean released;

    /**
     * @param opened the response of the GET already sent, or null: sent on the first read
     */
    ObjectDownload(S3Client s3, GetObjectRequest request, long length, PayloadChecksum expected, int replayLimit,
                   ResponseInputStream<GetObjectResponse> opened) {
        this.s3 = s3;
        this.request = request;
        this.length = length;
        this.expected = expected;
        this.replayLimit = replayLimit;
        if (opened != null) {
            response = opened;
            verified = verified(opened);
        }
    }

    /** A download of the same object that sends its GET when first read. */
    ObjectDownload fresh() {
        return new ObjectDownload(s3, request, length, expected, replayLimit, null);
    }

    /**
     * A GET of the object (for one reader alone, or the shared one sent late); {@link #verified} checks it from its
     * first byte.
     */
    ResponseInputStream<GetObjectResponse> get() {
        return s3.getObject(request);
    }

    /** What a read of {@code response} to the end must find. */
    InputStream verified(InputStream response) {
        return expected == null ? response : expected.verifying(response, toString());
    }

    /** Bytes at {@code position}, as {@link InputStream#read(byte[], int, int)}, or {@link #UNAVAILABLE}. */
    int read(long position, byte[] buffer, int offset, int count) throws IOException {
        lock.lock();
        try {
            return readAt(position, buffer, offset, count);
        } finally {
            lock.unlock();
            // released while this read was under way: it lets the connection go
            forgetIfReleased();
        }
    }

    private int readAt(long position, byte[] buffer, int offset, int count) throws IOException {
        if (replay != null && position < head) {
            int n = (int) Math.min(count, head - position);
            System.arraycopy(replay, (int) position, buffer, offset, n);
            return n;
        }
        if (released || position != head) {
            return UNAVAILABLE;
        }
        if (ended) {
            if (mismatch != null) {
                throw new ChecksumMismatchException(mismatch.getMessage());
            }
            return -1;
        }
        return readOn(buffer, offset, count);
    }

    private int readOn(byte[] buffer, int offset, int count) throws IOException {
        if (response == null) {
            response = get();
            verified = verified(response);
        }
        int n;
        try {
            n = verified.read(buffer, offset, count);
        } catch (ChecksumMismatchException e) {
            ended = true;
            mismatch = e;
            throw e;
        }
        if (n < 0) {
            ended = true;
        } else if (n > 0) {
            keep(buffer, offset, n);
            head += n;
        }
        return n;
    }

    private void keep(byte[] buffer, int offset, int n) {
        if (replay == null || head + n > replayLimit) {
            // past the limit nobody replays from here: a reader that starts again sends a GET of its own
            replay = null;
            return;
        }
        if (head + n > replay.length) {
            replay = Arrays.copyOf(replay, (int) Math.min(replayLimit, Math.max(head + n, 2L * replay.length)));
        }
        System.arraycopy(buffer, offset, replay, (int) head, n);
    }

    /** Bytes a read at {@code position} returns without waiting. */
    int available(long position) {
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            return replay != null && position < head ? (int) (head - position) : 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets the connection go and forgets the bytes: every later read sends a GET of its own. Never waits: a read under
     * way on another thread ends first, and lets the connection go then.
     */
    void release() {
        released = true;
        forgetIfReleased();
    }

    private void forgetIfReleased() {
        if (released && lock.tryLock()) {
            try {
                replay = null;
                close(response, length - head);
                response = null;
                verified = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** From any thread: cuts the connection, so that a read blocked in it fails. */
    void abort() {
        released = true;
        ResponseInputStream<GetObjectResponse> cut = response;
        if (cut != null) {
            cut.abort();
        }
    }

    boolean released() {
        return released;
    }

    long length() {
        return length;
    }

    /** Closing reads the rest of the object off the network: worth it for a little, an abort drops the connection. */
    static void close(InputStream stream, long unread) {
        if (stream instanceof ResponseInputStream<?> response && unread > DRAIN_LIMIT) {
            response.abort();
        } else if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the connection is dropped with it
            }
        }
    }

    @Override
    public String toString() {
        return "S3ObjectStream[s3://" + request.bucket() + "/" + request.key() + ", " + length + " bytes]";
    }
}
