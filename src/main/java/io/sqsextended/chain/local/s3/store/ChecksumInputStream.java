package io.sqsextended.chain.local.s3.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * A body's flexible checksum, computed as the bytes stream to disk. At its end the value must be the one the
 * client gave (in a header, or in the trailer read just before), else the write fails; then {@code computed} has it.
 */
final class ChecksumInputStream extends FilterInputStream {

    private final FlexibleChecksum algorithm;
    private final FlexibleChecksum.Value checksum;
    private final RequestedChecksum requested;
    private final Consumer<String> computed;
    private boolean ended;

    ChecksumInputStream(InputStream in, FlexibleChecksum algorithm, RequestedChecksum requested, Consumer<String> computed) {
        super(in);
        this.algorithm = algorithm;
        this.checksum = algorithm.newChecksum();
        this.requested = requested;
        this.computed = computed;
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
            checksum.checksum().update(b, off, n);
        } else if (n < 0 && !ended) {
            ended = true;
            String value = Base64.getEncoder().encodeToString(checksum.bytes().get());
            if (requested.value().filter(expected -> !expected.equals(value)).isPresent()) {
                throw new RejectedUpload.BadDigest("The " + algorithm + " you specified did not match the calculated checksum");
            }
            computed.accept(value);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }
}
