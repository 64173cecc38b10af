package io.sqsextended.chain.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, S3's default checksum (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final xor all ones).
 * The AWS SDK computes it only with its native CRT library, which the app does not ship.
 */
public final class Crc64Nvme implements Checksum {

    /** TABLES[k][b]: the CRC of byte b followed by k zero bytes; eight bytes per step (slicing-by-8), not one. */
    private static final long[][] TABLES = new long[8][256];
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long previous = TABLES[k - 1][i];
                TABLES[k][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xFF)];
            }
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        long[] t0 = TABLES[0];
        long[] t1 = TABLES[1];
        long[] t2 = TABLES[2];
        long[] t3 = TABLES[3];
        long[] t4 = TABLES[4];
        long[] t5 = TABLES[5];
        long[] t6 = TABLES[6];
        long[] t7 = TABLES[7];
        long value = crc;
        int i = off;
        for (int end = off + len - 7; i < end; i += 8) {
            value ^= (long) LITTLE_ENDIAN_LONG.get(b, i);
            value = t7[(int) (value & 0xFF)] ^ t6[(int) ((value >>> 8) & 0xFF)] ^ t5[(int) ((value >>> 16) & 0xFF)]
                    ^ t4[(int) ((value >>> 24) & 0xFF)] ^ t3[(int) ((value >>> 32) & 0xFF)] ^ t2[(int) (
                            (value >>> 40) & 0xFF)]
                    ^ t1[(int) ((value >>> 48) & 0xFF)] ^ t0[(int) (value >>> 56)];
        }
        for (int end = off + len; i < end; i++) {
            value = t0[(int) ((value ^ b[i]) & 0xFF)] ^ (value >>> 8);
        }
        crc = value;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    /** Whether a value is the canonical base64 of 8 bytes, as S3 takes a ChecksumCRC64NVME (padded, 12 characters). */
    public static boolean isWellFormed(String value) {
        return Base64Values.isCanonical(value, Long.BYTES);
    }

    /** The value as S3 gives it, big-endian, before base64. */
    public byte[] bytes() {
        return ByteBuffer.allocate(Long.BYTES).putLong(getValue()).array();
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
