package io.sqsextended.chain.wire;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, S3's default checksum (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final xor all ones).
 * The AWS SDK computes it only with its native CRT library, which the app does not ship.
 */
public final class Crc64Nvme implements Checksum {

    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long value = crc;
        for (int i = off; i < off + len; i++) {
            value = TABLE[(int) ((value ^ b[i]) & 0xFF)] ^ (value >>> 8);
        }
        crc = value;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    /** The value as S3 gives it, big-endian, before base64. */
    /** Whether a value is the canonical base64 of 8 bytes, as S3 takes a ChecksumCRC64NVME (padded, 12 characters). */
    public static boolean isWellFormed(String value) {
        return Base64Values.isCanonical(value, Long.BYTES);
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(Long.BYTES).putLong(getValue()).array();
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
