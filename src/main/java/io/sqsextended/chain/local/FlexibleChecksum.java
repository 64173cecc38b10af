package io.sqsextended.chain.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Checksum;

import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/** S3's flexible checksum algorithms, with the header ({@code x-amz-checksum-<name>}) that carries each value in base64. */
enum FlexibleChecksum {
    CRC32(sdk(DefaultChecksumAlgorithm.CRC32)),
    CRC32C(sdk(DefaultChecksumAlgorithm.CRC32C)),
    CRC64NVME(() -> {
        Crc64Nvme crc = new Crc64Nvme();
        return new Value(crc, crc::bytes);
    }),
    SHA1(sdk(DefaultChecksumAlgorithm.SHA1)),
    SHA256(sdk(DefaultChecksumAlgorithm.SHA256));

    static final String HEADER_PREFIX = "x-amz-checksum-";

    private final Supplier<Value> factory;

    FlexibleChecksum(Supplier<Value> factory) {
        this.factory = factory;
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

    /** The algorithm of a name as S3 spells it ({@code CRC32}, {@code crc64nvme}). */
    static Optional<FlexibleChecksum> named(String name) {
        return Arrays.stream(values()).filter(value -> value.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The algorithm whose value a header such as {@code x-amz-checksum-crc32} carries. */
    static Optional<FlexibleChecksum> ofHeader(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        return lower.startsWith(HEADER_PREFIX) ? named(lower.substring(HEADER_PREFIX.length())) : Optional.empty();
    }
}
