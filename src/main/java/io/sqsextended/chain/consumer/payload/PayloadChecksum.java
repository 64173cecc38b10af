package io.sqsextended.chain.consumer.payload;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.DigestingInputStream;
import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.Sha256;
import org.apache.camel.Message;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The checksum a payload's bytes must have, in S3's base64 form: its SHA-256 when one is known, else the CRC64NVME S3
 * keeps. A COMPOSITE value (multipart, {@code <checksum of the parts' checksums>-<parts>}) says nothing about the
 * stream as a whole and is not used; nor is a value of the wrong length for its algorithm (moto answers a 4-byte
 * CRC64NVME for multipart uploads): it is no checksum of any bytes, so the payload goes unverified and
 * {@link #malformed} says why.
 */
public record PayloadChecksum(Algorithm algorithm, String value) {

    /** The algorithms a payload is verified with, and the downstream header that carries the value. */
    public enum Algorithm {
        SHA256(PayloadHeaders.CHECKSUM_SHA256),
        CRC64NVME(PayloadHeaders.CHECKSUM_CRC64NVME);

        private final String header;

        Algorithm(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }

        /** A computation of this checksum; {@link Running#value()} gives S3's base64 form. */
        Running start() {
            return this == SHA256 ? new Digest() : new Crc();
        }
    }

    /** A checksum being computed over a stream. */
    interface Running {
        void update(byte[] bytes, int offset, int length);

        String value();
    }

    /**
     * The producer's SHA-256 (the pointer's attribute: end to end, whoever wrote the object), else what S3 answered
     * with {@code x-amz-checksum-mode: ENABLED}: a full-object SHA-256, else CRC64NVME, if any.
     */
    static Optional<PayloadChecksum> of(String producerSha256, GetObjectResponse response) {
        return of(producerSha256, response.checksumType(), response.checksumSHA256(), response.checksumCRC64NVME());
    }

    /** The same from a HEAD's answer, for a downstream that reads the object itself. */
    static Optional<PayloadChecksum> of(String producerSha256, HeadObjectResponse response) {
        return of(producerSha256, response.checksumType(), response.checksumSHA256(), response.checksumCRC64NVME());
    }

    private static Optional<PayloadChecksum> of(String producerSha256, ChecksumType type, String sha256,
            String crc64Nvme) {
        if (producerSha256 != null) {
            return Optional.of(new PayloadChecksum(Algorithm.SHA256, producerSha256));
        }
        if (type == ChecksumType.COMPOSITE) {
            return Optional.empty();
        }
        return whole(sha256).filter(PayloadSha256::isWellFormed)
                .map(value -> new PayloadChecksum(Algorithm.SHA256, value))
                .or(() -> whole(crc64Nvme).filter(Crc64Nvme::isWellFormed)
                        .map(value -> new PayloadChecksum(Algorithm.CRC64NVME, value)));
    }

    /**
     * The whole-object checksums S3 answered that cannot be one of their algorithm, described; empty when there is
     * none.
     */
    static Optional<String> malformed(GetObjectResponse response) {
        return malformed(response.checksumType(), response.checksumSHA256(), response.checksumCRC64NVME());
    }

    /** The same from a HEAD's answer. */
    static Optional<String> malformed(HeadObjectResponse response) {
        return malformed(response.checksumType(), response.checksumSHA256(), response.checksumCRC64NVME());
    }

    private static Optional<String> malformed(ChecksumType type, String sha256, String crc64Nvme) {
        if (type == ChecksumType.COMPOSITE) {
            return Optional.empty();
        }
        List<String> malformed = new ArrayList<>();
        whole(sha256).filter(value -> !PayloadSha256.isWellFormed(value))
                .ifPresent(value -> malformed.add(describe("SHA256", value, 32)));
        whole(crc64Nvme).filter(value -> !Crc64Nvme.isWellFormed(value))
                .ifPresent(value -> malformed.add(describe("CRC64NVME", value, Long.BYTES)));
        return malformed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", malformed));
    }

    private static String describe(String algorithm, String value, int bytes) {
        String length;
        try {
            length = Base64.getDecoder().decode(value).length + " bytes";
        } catch (IllegalArgumentException e) {
            length = "no base64";
        }
        return "Checksum" + algorithm + " " + value + " is " + length + ", a " + algorithm + " has " + bytes
                + ": not verifiable";
    }

    /**
     * {@code in}, checked as it is read: the read that reaches the end throws {@link ChecksumMismatchException} instead
     * of answering -1 when the bytes do not have this checksum (and so does every later read).
     */
    InputStream verifying(InputStream in, String name) {
        Running running = algorithm.start();
        return new DigestingInputStream(in, running::update, () -> {
            String actual = running.value();
            if (!actual.equals(value)) {
                throw new ChecksumMismatchException(name + " read whole has " + algorithm + " " + actual
                        + ", expected " + value);
            }
        });
    }

    /** Its header on the message handed downstream. */
    void setOn(Message message) {
        message.setHeader(algorithm.header(), value);
    }

    /** A COMPOSITE value ends with {@code -<parts>}, whatever type the server says. */
    private static Optional<String> whole(String value) {
        return Optional.ofNullable(value).filter(v -> !v.contains("-"));
    }

    private static final class Digest implements Running {
        private final MessageDigest digest = Sha256.digest();

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public String value() {
            return PayloadSha256.base64(digest);
        }
    }

    private static final class Crc implements Running {
        private final Crc64Nvme crc = new Crc64Nvme();

        @Override
        public void update(byte[] bytes, int offset, int length) {
            crc.update(bytes, offset, length);
        }

        @Override
        public String value() {
            return Base64.getEncoder().encodeToString(crc.bytes());
        }
    }
}
