package io.sqsextended.chain.consumer.payload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Computes a checksum of the bytes as they pass, nothing held; the read that reaches the end throws
 * {@link ChecksumMismatchException} instead of answering -1 when they do not have the expected one (and so does every
 * later read). Skipped bytes are read through the checksum.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final PayloadChecksum expected;
    private final String name;
    private final PayloadChecksum.Running running;
    private String mismatch;
    private boolean verified;

    VerifyingInputStream(InputStream in, PayloadChecksum expected, String name) {
        super(in);
        this.expected = expected;
        this.name = name;
        this.running = expected.algorithm().start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n > 0) {
            running.update(buffer, offset, n);
        } else if (n < 0) {
            verifyAtEnd();
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

    private void verifyAtEnd() throws ChecksumMismatchException {
        if (!verified) {
            verified = true;
            String actual = running.value();
            if (!actual.equals(expected.value())) {
                mismatch = name + " read whole has " + expected.algorithm() + " " + actual + ", expected " + expected.value();
            }
        }
        if (mismatch != null) {
            throw new ChecksumMismatchException(mismatch);
        }
    }
}
