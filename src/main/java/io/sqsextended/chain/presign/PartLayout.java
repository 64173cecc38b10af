package io.sqsextended.chain.presign;

import io.sqsextended.chain.wire.S3Limits;

/**
 * How a multipart upload is cut: parts of {@code partSize} bytes and a last part of the rest. The part size is the
 * preferred one unless the object needs more than 10,000 parts; then the smallest whole MiB that fits.
 *
 * @param partSize  size of every part but the last
 * @param partCount number of parts (1 to 10,000)
 * @param lastSize  size of the last part (1 to {@code partSize})
 */
public record PartLayout(long partSize, int partCount, long lastSize) {

    public static PartLayout of(long contentLength, long preferredPartSize) {
        if (contentLength <= 0 || contentLength > S3Limits.MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("A multipart upload needs 1 byte to 5 TiB, not " + contentLength);
        }
        long needed = ceilDiv(contentLength, S3Limits.MAX_PARTS);
        long partSize = Math.max(preferredPartSize, ceilDiv(needed, S3Limits.MIB) * S3Limits.MIB);
        int partCount = (int) ceilDiv(contentLength, partSize);
        return new PartLayout(partSize, partCount, contentLength - (partCount - 1) * partSize);
    }

    /** Size of the whole object. */
    public long contentLength() {
        return (partCount - 1) * partSize + lastSize;
    }

    /** Size of part {@code partNumber} (1-based). */
    public long sizeOf(int partNumber) {
        return partNumber == partCount ? lastSize : partSize;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
