package io.sqsextended.chain.local.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import io.sqsextended.chain.local.s3.store.RejectedUpload;
import io.sqsextended.chain.wire.Sha256;

/** A signed payload, streamed: its SHA-256 must be the signed {@code x-amz-content-sha256} when it ends. */
final class PayloadHashCheck extends FilterInputStream {

    private final MessageDigest digest;
    private final String expected;
    private boolean checked;

    PayloadHashCheck(InputStream in, String expectedHex) {
        super(in);
        this.expected = expectedHex.toLowerCase();
        this.digest = Sha256.digest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
        } else if (n < 0 && !checked) {
            checked = true;
            if (!SigV4.hex(digest.digest()).equals(expected)) {
                throw new RejectedUpload.BadDigest("The body's SHA-256 is not the signed x-amz-content-sha256");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }
}
