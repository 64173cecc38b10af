package io.sqsextended.chain.local.s3.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static io.sqsextended.chain.testkit.Checksums.crc64Nvme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the embedded S3 checks when a multipart upload is created and completed, as S3 does. */
class MultipartChecksumsTest {

    static final byte[] PART1 = "1".repeat(5 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    static final byte[] PART2 = "the last part".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static String bucket;
    final String key = "input/" + UUID.randomUUID();

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        bucket = stack.bucket();
    }

    @Test
    void aFullObjectCrc64NvmeCompletionNeedsNoPartChecksumsAndKeepsTheValueGiven() {
        String uploadId = create(ChecksumAlgorithm.CRC64_NVME, ChecksumType.FULL_OBJECT);
        List<CompletedPart> parts = uploadPlainParts(uploadId);

        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .checksumCRC64NVME(crc64Nvme(PART1, PART2))
                .checksumType(ChecksumType.FULL_OBJECT).multipartUpload(u -> u.parts(parts)));

        assertThat(s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).checksumCRC64NVME())
                .isEqualTo(crc64Nvme(PART1, PART2));
    }

    @Test
    void aCompletionWhoseCrc64NvmeIsNotTheWholesIsRefusedWithBadDigestAndNothingIsStored() {
        String uploadId = create(ChecksumAlgorithm.CRC64_NVME, ChecksumType.FULL_OBJECT);
        List<CompletedPart> parts = uploadPlainParts(uploadId);

        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .checksumCRC64NVME(crc64Nvme(PART2, PART1)).multipartUpload(u -> u.parts(parts))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    /** S3 refuses the completion, not the upload: the same parts complete with the right value. */
    @Test
    void aCompletionRefusedForItsChecksumLeavesTheUploadOpen() {
        String uploadId = create(ChecksumAlgorithm.CRC64_NVME, ChecksumType.FULL_OBJECT);
        List<CompletedPart> parts = uploadPlainParts(uploadId);
        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .checksumCRC64NVME(crc64Nvme(PART2, PART1)).multipartUpload(u -> u.parts(parts))))
                        .isInstanceOf(S3Exception.class);

        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .checksumCRC64NVME(crc64Nvme(PART1, PART2))
                .multipartUpload(u -> u.parts(parts)));

        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength())
                .isEqualTo(PART1.length + PART2.length);
    }

    @Test
    void aCompositeCompletionWithoutEachPartsChecksumIsRefusedWithInvalidRequest() {
        String uploadId = create(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        String eTag1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromBytes(PART1)).eTag();

        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(eTag1).build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("crc32").contains("part 1");
                });
    }

    /**
     * Only CRCs combine into the checksum of a whole: SHA-1 and SHA-256 are COMPOSITE only, CRC64NVME FULL_OBJECT only.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SHA256, FULL_OBJECT", "SHA1, FULL_OBJECT", "CRC64NVME, COMPOSITE"})
    void anUploadAskingForATypeItsAlgorithmCannotHaveIsRefusedWithInvalidRequest(String algorithm, String type) {
        assertThatThrownBy(() -> create(ChecksumAlgorithm.fromValue(algorithm), ChecksumType.fromValue(type)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
    }

    private String create(ChecksumAlgorithm algorithm, ChecksumType type) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).checksumAlgorithm(algorithm).checksumType(type))
                .uploadId();
    }

    /** Parts as a presigned URL sends them: no checksum named. */
    private List<CompletedPart> uploadPlainParts(String uploadId) {
        String eTag1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(PART1)).eTag();
        String eTag2 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(PART2)).eTag();
        return List.of(CompletedPart.builder().partNumber(1).eTag(eTag1).build(), CompletedPart.builder().partNumber(2)
                .eTag(eTag2).build());
    }
}
