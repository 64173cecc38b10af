package io.sqsextended.chain.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands the bytes read to a running digest or checksum as they pass, nothing held; skipped bytes are read through
 * it. The read that reaches the end runs {@code atEnd} once, which checks what was computed and may throw: then that
 * read and every later one throw it. No mark: bytes read again would be counted twice.
 */
public final class DigestingInputStream extends FilterInputStream {

    /** Takes the bytes as they pass ({@code MessageDigest::update}, {@code Checksum::update}). */
    @FunctionalInterface
    public interface Update {
        void update(byte[] bytes, int offset, int length);
    }

    /** Runs once, when the stream ends: checks the value computed (a refusal is thrown). */
    @FunctionalInterface
    public interface AtEnd {
        void check() throws IOException;
    }

    private final Update update;
    private final AtEnd atEnd;
    private boolean ended;
    private IOException failed;
    private RuntimeException refused;

    public DigestingInputStream(InputStream in, Update update, AtEnd atEnd) {
        super(in);
        this.update = update;
        this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = in.read(buffer, offset, count);
        if (n > 0) {
            update.update(buffer, offset, n);
        } else if (n < 0) {
            end();
        }
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(count, 0))];
        long skipped = 0;
        while (skipped < count) {
            int n = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void end() throws IOException {
        if (!ended) {
            ended = true;
            try {
                atEnd.check();
            } catch (IOException e) {
                failed = e;
            } catch (RuntimeException e) {
                refused = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        if (refused != null) {
            throw refused;
        }
    }
}
