package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import io.sqsextended.chain.testkit.ApiClient;

import static io.sqsextended.chain.testkit.Checksums.crc64Nvme;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code checksumSha256} and {@code checksumCrc64Nvme}: the presigned
 * PUT signs {@code x-amz-checksum-<algorithm>}, and S3 stores only bytes that have it; a multipart plan's completion
 * passes the CRC64NVME, and S3 completes only parts that add up to it.
 */
class UploadChecksumTest {

    static final byte[] BODY = "the producer's bytes".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app()
            .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));

    @Test
    void theTicketSignsTheChecksumAndS3StoresBytesThatHaveIt() throws Exception {
        JsonNode ticket = createUpload(BODY.length, sha256(BODY));

        assertThat(ApiClient.headersOf(ticket)).containsEntry("x-amz-checksum-sha256", sha256(BODY));
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), BODY).status())
                .isEqualTo(200);
        assertThat(chain.s3().headObject(r -> r.bucket(ticket.get("bucket").asText()).key(ticket.get("key").asText())
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256()).isEqualTo(sha256(BODY));
    }

    @Test
    void bytesWithoutTheDeclaredChecksumAreRefusedWithBadDigestAndNothingIsStored() throws Exception {
        JsonNode ticket = createUpload(BODY.length, sha256(BODY));
        byte[] other = "THE PRODUCER'S BYTES".getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply refused = chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), other);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>BadDigest</Code>");
        assertThatThrownBy(() -> chain.s3()
                .headObject(r -> r.bucket(ticket.get("bucket").asText()).key(ticket.get("key").asText())))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void withoutAChecksumTheTicketSignsNone() {
        JsonNode ticket = createUpload(BODY.length, null);

        assertThat(ApiClient.headersOf(ticket)).doesNotContainKey("x-amz-checksum-sha256");
    }

    /** Hex, a 31- and a 33-byte value, not base64, unpadded, and S3's base64 with one character changed to '-'. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0d5a1f4cbe3a5c2a2e8d3e2a6b0c9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "not base64 at all, but forty-four characters", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-="})
    void aChecksumThatIsNotTheBase64OfThirtyTwoBytesIsAProblem(String checksum) {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 5, "checksumSha256", checksum));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-request");
        assertThat(ApiClient.problem(reply).get("detail").asText())
                .contains("checksumSha256 must be the base64 of a SHA-256");
    }

    /** S3 checks a SHA-256 per part only (COMPOSITE): a whole-object SHA-256 cannot be signed into a multipart plan. */
    @Test
    void aSha256ForAnUploadAboveTheMultipartThresholdIsAProblemThatPointsToCrc64Nvme() throws Exception {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 7 * 1024 * 1024, "checksumSha256", sha256(BODY)));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("checksumSha256").contains("multipart")
                .contains("checksumCrc64Nvme");
    }

    @Test
    void theTicketSignsTheCrc64NvmeAndS3StoresBytesThatHaveIt() {
        JsonNode ticket = createUpload(
                Map.of("contentType", "text/plain", "contentLength", BODY.length, "checksumCrc64Nvme",
                crc64Nvme(BODY)));

        assertThat(ApiClient.headersOf(ticket)).containsEntry("x-amz-checksum-crc64nvme", crc64Nvme(BODY));
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), BODY).status())
                .isEqualTo(200);
        assertThat(chain.s3().headObject(r -> r.bucket(ticket.get("bucket").asText()).key(ticket.get("key").asText())
                .checksumMode(ChecksumMode.ENABLED)).checksumCRC64NVME()).isEqualTo(crc64Nvme(BODY));
    }

    @Test
    void bytesWithoutTheDeclaredCrc64NvmeAreRefusedWithBadDigest() {
        JsonNode ticket = createUpload(
                Map.of("contentType", "text/plain", "contentLength", BODY.length, "checksumCrc64Nvme",
                crc64Nvme(BODY)));

        ApiClient.Reply refused = chain.client()
                .put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "THE PRODUCER'S BYTES".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>BadDigest</Code>");
    }

    /** Hex, a 7- and a 9-byte value, unpadded, and S3's base64 with one character changed to '-'. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae8b14860a799888", "AAAAAAAAAA==", "AAAAAAAAAAAA", "AAAAAAAAAAA", "AAAAAAAAAA-="})
    void aCrc64NvmeThatIsNotTheBase64OfEightBytesIsAProblem(String checksum) {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 5, "checksumCrc64Nvme", checksum));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-request");
        assertThat(ApiClient.problem(reply).get("detail").asText())
                .contains("checksumCrc64Nvme must be the base64 of a CRC64NVME");
    }

    /** S3 takes one x-amz-checksum- header per upload. */
    @Test
    void aSha256AndACrc64NvmeTogetherAreAProblem() throws Exception {
        ApiClient.Reply reply = chain.client()
                .postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", BODY.length,
                "checksumSha256", sha256(BODY), "checksumCrc64Nvme", crc64Nvme(BODY)));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText())
                .contains("one of checksumSha256 and checksumCrc64Nvme");
    }

    @Test
    void aMultipartUploadWithTheDeclaredCrc64NvmeCompletesAndS3KeepsItAsTheFullObjectChecksum() {
        byte[] body = bigBody();
        JsonNode plan = createUpload(Map.of("contentType", "text/plain", "contentLength", body.length,
                "checksumCrc64Nvme", crc64Nvme(body)));

        ApiClient.Reply completed = complete(plan, chain.client().uploadParts(plan, body));

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        HeadObjectResponse head = chain.s3()
                .headObject(r -> r.bucket(plan.get("bucket").asText()).key(plan.get("key").asText())
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC64NVME()).isEqualTo(crc64Nvme(body));
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void aMultipartUploadWhosePartsDoNotHaveTheDeclaredCrc64NvmeIsAChecksumMismatchAndNothingIsStored() {
        byte[] body = bigBody();
        JsonNode plan = createUpload(Map.of("contentType", "text/plain", "contentLength", body.length,
                "checksumCrc64Nvme", crc64Nvme(body)));
        byte[] other = body.clone();
        other[other.length - 1] ^= 1;

        ApiClient.Reply refused = complete(plan, chain.client().uploadParts(plan, other));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(ApiClient.problem(refused).get("type").asText()).endsWith(":checksum-mismatch");
        assertThatThrownBy(() -> chain.s3()
                .headObject(r -> r.bucket(plan.get("bucket").asText()).key(plan.get("key").asText())))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private ApiClient.Reply complete(JsonNode plan, Object parts) {
        Map<String, Object> request = new HashMap<>(
                Map.of("key", plan.get("key").asText(), "uploadId", plan.get("uploadId").asText(),
                "parts", parts));
        if (plan.has("checksumCrc64Nvme")) {
            request.put("checksumCrc64Nvme", plan.get("checksumCrc64Nvme").asText());
        }
        return chain.client().postJson("/v1/uploads/complete", PRODUCER, request);
    }

    private static byte[] bigBody() {
        byte[] body = new byte[7 * 1024 * 1024 + 11];
        new Random(7).nextBytes(body);
        return body;
    }

    private static JsonNode createUpload(Map<String, Object> request) {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER, request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    private static JsonNode createUpload(long length, String checksum) {
        Map<String, Object> request = checksum == null ? Map.of("contentType", "text/plain", "contentLength", length)
                : Map.of("contentType", "text/plain", "contentLength", length, "checksumSha256", checksum);
        return createUpload(request);
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
