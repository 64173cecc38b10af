package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static io.sqsextended.chain.presign.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code checksumSha256}: the presigned PUT signs {@code x-amz-checksum-sha256}, and S3 stores only bytes that have it. */
class UploadChecksumTest {

    static final byte[] BODY = "the producer's bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ApiClient client;
    static S3Client s3;

    @BeforeAll
    static void startApp() throws Exception {
        app = ChainApp.builder(dataDir).properties(Map.of("chain.upload.multipart-threshold", "6MiB", "chain.upload.part-size", "5MiB")).start();
        client = new ApiClient(app.api());
        s3 = AwsClients.s3(app.clientSettings());
    }

    @AfterAll
    static void stopApp() {
        s3.close();
        app.close();
    }

    @Test
    void theTicketSignsTheChecksumAndS3StoresBytesThatHaveIt() throws Exception {
        JsonNode ticket = createUpload(BODY.length, sha256(BODY));

        assertThat(ApiClient.headersOf(ticket)).containsEntry("x-amz-checksum-sha256", sha256(BODY));
        assertThat(client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), BODY).status()).isEqualTo(200);
        assertThat(s3.headObject(r -> r.bucket(ticket.get("bucket").asText()).key(ticket.get("key").asText())
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256()).isEqualTo(sha256(BODY));
    }

    @Test
    void bytesWithoutTheDeclaredChecksumAreRefusedWithBadDigestAndNothingIsStored() throws Exception {
        JsonNode ticket = createUpload(BODY.length, sha256(BODY));
        byte[] other = "THE PRODUCER'S BYTES".getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply refused = client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), other);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>BadDigest</Code>");
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(ticket.get("bucket").asText()).key(ticket.get("key").asText())))
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
        ApiClient.Reply reply = client.postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 5, "checksumSha256", checksum));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-request");
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("checksumSha256 must be the base64 of a SHA-256");
    }

    /** S3 checks a SHA-256 per part only (COMPOSITE): a whole-object SHA-256 cannot be signed into a multipart plan. */
    @Test
    void aChecksumForAnUploadAboveTheMultipartThresholdIsAProblem() throws Exception {
        ApiClient.Reply reply = client.postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 7 * 1024 * 1024, "checksumSha256", sha256(BODY)));

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("checksumSha256").contains("multipart");
    }

    private static JsonNode createUpload(long length, String checksum) {
        Map<String, Object> request = checksum == null ? Map.of("contentType", "text/plain", "contentLength", length)
                : Map.of("contentType", "text/plain", "contentLength", length, "checksumSha256", checksum);
        ApiClient.Reply reply = client.postJson("/v1/uploads", PRODUCER, request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
