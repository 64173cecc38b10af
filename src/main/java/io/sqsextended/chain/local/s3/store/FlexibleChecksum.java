package io.sqsextended.chain.local.s3.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Checksum;

import io.sqsextended.chain.wire.Crc64Nvme;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * S3's flexible checksum algorithms, with the header ({@code x-amz-checksum-<name>}) that carries each value in
 * base64, and for the CRCs the reflected polynomial and width by which part values combine into a whole's.
 */
public enum FlexibleChecksum {
    CRC32(sdk(DefaultChecksumAlgorithm.CRC32), 0xEDB88320L, 32),
    CRC32C(sdk(DefaultChecksumAlgorithm.CRC32C), 0x82F63B78L, 32),
    CRC64NVME(() -> {
        Crc64Nvme crc = new Crc64Nvme();
        return new Value(crc, crc::bytes);
    }, 0x9A6C9329AC4BC9B5L, 64),
    SHA1(sdk(DefaultChecksumAlgorithm.SHA1), 0, 0),
    SHA256(sdk(DefaultChecksumAlgorithm.SHA256), 0, 0);

    public static final String HEADER_PREFIX = "x-amz-checksum-";

    private final Supplier<Value> factory;
    private final long polynomial;
    private final int width;

    FlexibleChecksum(Supplier<Value> factory, long polynomial, int width) {
        this.factory = factory;
        this.polynomial = polynomial;
        this.width = width;
    }

    /** A checksum being computed, and its value in S3's byte form. */
    record Value(Checksum checksum, Supplier<byte[]> bytes) {
    }

    private static Supplier<Value> sdk(ChecksumAlgorithm algorithm) {
        return () -> {
            SdkChecksum checksum = SdkChecksum.forAlgorithm(algorithm);
            return new Value(checksum, checksum::getChecksumBytes);
        };
    }

    String header() {
        return HEADER_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    Value newChecksum() {
        return factory.get();
    }

    /** Whether values of parts combine into the whole's (S3's FULL_OBJECT type for multipart uploads). */
    boolean combines() {
        return width > 0;
    }

    /** The CRC of {@code a} then {@code b} (S3's byte form, big-endian), from theirs and the length of {@code b}. */
    byte[] combine(byte[] a, byte[] b, long lengthB) {
        long combined = CrcCombine.combine(value(a), value(b), lengthB, polynomial, width);
        ByteBuffer bytes = ByteBuffer.allocate(width / 8);
        return width == 64 ? bytes.putLong(combined).array() : bytes.putInt((int) combined).array();
    }

    private long value(byte[] bytes) {
        return width == 64 ? ByteBuffer.wrap(bytes).getLong() : Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt());
    }

    /** The algorithm of a name as S3 spells it ({@code CRC32}, {@code crc64nvme}). */
    public static Optional<FlexibleChecksum> named(String name) {
        return Arrays.stream(values()).filter(value -> value.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The algorithm whose value a header such as {@code x-amz-checksum-crc32} carries. */
    static Optional<FlexibleChecksum> ofHeader(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        return lower.startsWith(HEADER_PREFIX) ? named(lower.substring(HEADER_PREFIX.length())) : Optional.empty();
    }
}
