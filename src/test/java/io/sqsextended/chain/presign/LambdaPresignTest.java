package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.local.LocalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.Checksums.crc64Nvme;
import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /presign} keeps the original Lambda's contract (bare URL as text) under the v1 roles and key rules. */
class LambdaPresignTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().property(PresignSettings.UPLOAD_MAX_SIZE.name(), "1MiB");
    // what a putObject URL signs besides its size: the PUT must send them as they are
    static final Map<String, String> SIGNED_HEADERS = Map.of("Content-Type", "text/plain", "If-None-Match", "*");
    final String key = "input/lambda/" + UUID.randomUUID() + "/data file+1.txt";
    final byte[] body = "from the lambda contract".getBytes(StandardCharsets.UTF_8);

    @Test
    void putObjectAnswersABareUrlThatUploadsWithTheSignedHeaders() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "text/plain", body.length);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.text()).startsWith("http").contains("X-Amz-Signature=").doesNotContain("\"");
        assertThat(chain.client().put(reply.text(), SIGNED_HEADERS, body).status()).isEqualTo(200);
    }

    @Test
    void getObjectAnswersABareUrlThatDownloads() {
        chain.client().put(presignPut(PRODUCER, key, "text/plain", body.length).text(), SIGNED_HEADERS, body);

        ApiClient.Reply reply = presign(CONSUMER, Map.of("object_key", key, "action", "getObject"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(chain.client().get(reply.text()).body()).isEqualTo(body);
    }

    @Test
    void putObjectSignsTheContentLength() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "text/plain", body.length + 1);

        assertThat(chain.client().put(reply.text(), SIGNED_HEADERS, body).status()).isEqualTo(403);
    }

    @Test
    void putObjectSignsTheContentType() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "text/plain", body.length);

        assertThat(chain.client().put(reply.text(), Map.of("Content-Type", "application/json", "If-None-Match", "*"),
                body).status()).isEqualTo(403);
    }

    @Test
    void putObjectSignsIfNoneMatch() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "text/plain", body.length);

        assertThat(chain.client().put(reply.text(), Map.of("Content-Type", "text/plain"), body).status())
                .isEqualTo(403);
    }

    @Test
    void putObjectCannotReplaceAnExistingObject() {
        assertThat(chain.client().put(presignPut(PRODUCER, key, "text/plain", body.length).text(), SIGNED_HEADERS, body)
                .status()).isEqualTo(200);
        byte[] other = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply overwrite = chain.client()
                .put(presignPut(PRODUCER, key, "text/plain", other.length).text(), SIGNED_HEADERS, other);

        assertThat(overwrite.status()).isEqualTo(412);
        assertThat(chain.client().get(presign(CONSUMER, Map.of("object_key", key, "action", "getObject")).text())
                .body()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"content_type", "content_length"})
    void putObjectNeedsAContentTypeAndAContentLength(String left) {
        Map<String, Object> request = new HashMap<>(
                Map.of("object_key", key, "action", "putObject", "content_type", "text/plain",
                "content_length", body.length));
        request.remove(left);

        ApiClient.Reply reply = presign(PRODUCER, request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("content_type").contains("content_length");
    }

    @Test
    void putObjectOfAContentTypeOffTheAllowListIsRefused() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "image/svg+xml", body.length);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":content-type-not-allowed");
    }

    @Test
    void putObjectLargerThanTheLargestUploadIsRefused() {
        ApiClient.Reply reply = presignPut(PRODUCER, key, "application/octet-stream", 10 * 1024 * 1024);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":size-not-allowed");
    }

    @Test
    void putObjectOfAKeySegmentLongerThanTheEmbeddedS3CanStoreIsAnInvalidKey() {
        ApiClient.Reply reply = presignPut(PRODUCER, "input/" + "s".repeat(LocalSettings.MAX_KEY_SEGMENT_BYTES + 1),
                "text/plain", 1);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void putObjectOutsideTheInputPrefixIsForbidden() {
        ApiClient.Reply reply = presignPut(PRODUCER, "offload/" + UUID.randomUUID(), "text/plain", 1);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":key-not-allowed");
    }

    @Test
    void putObjectNeedsTheProducerRole() {
        ApiClient.Reply reply = presignPut(CONSUMER, key, "text/plain", 1);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":forbidden");
    }

    @Test
    void getObjectNeedsTheConsumerRole() {
        ApiClient.Reply reply = presign(PRODUCER, Map.of("object_key", key, "action", "getObject"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":forbidden");
    }

    @Test
    void anyOtherActionIsInvalid() {
        ApiClient.Reply reply = presign(PRODUCER, Map.of("object_key", key, "action", "deleteObject"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("putObject or getObject");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256", "crc64nvme"})
    void putObjectWithAChecksumSignsItAndS3StoresOnlyBytesThatHaveIt(String algorithm) throws Exception {
        String checksum = algorithm.equals("sha256") ? UploadChecksumTest.sha256(body) : crc64Nvme(body);
        String url = presign(PRODUCER, Map.of("object_key", key, "action", "putObject", "content_type", "text/plain",
                "content_length", body.length, "checksum_" + algorithm, checksum)).text();
        Map<String, String> headers = new HashMap<>(SIGNED_HEADERS);
        headers.put("x-amz-checksum-" + algorithm, checksum);

        ApiClient.Reply other = chain.client()
                .put(url, headers, new StringBuilder(new String(body, StandardCharsets.UTF_8)).reverse().toString()
                .getBytes(StandardCharsets.UTF_8));
        ApiClient.Reply stored = chain.client().put(url, headers, body);

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.text()).contains("<Code>BadDigest</Code>");
        assertThat(stored.status()).isEqualTo(200);
    }

    @Test
    void putObjectWithAMalformedChecksumIsAProblem() {
        ApiClient.Reply reply = presign(PRODUCER,
                Map.of("object_key", key, "action", "putObject", "content_type", "text/plain",
                "content_length", body.length, "checksum_crc64nvme", "not a crc"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText())
                .contains("checksum_crc64nvme must be the base64 of a CRC64NVME");
    }

    @Test
    void getObjectWithAChecksumIsAProblem() {
        ApiClient.Reply reply = presign(CONSUMER,
                Map.of("object_key", key, "action", "getObject", "checksum_crc64nvme", crc64Nvme(body)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("apply to putObject only");
    }

    @Test
    void withoutATokenNothingIsSigned() {
        ApiClient.Reply reply = presign(null, Map.of("object_key", key, "action", "getObject"));

        assertThat(reply.status()).isEqualTo(401);
    }

    private ApiClient.Reply presignPut(String token, String objectKey, String contentType, long contentLength) {
        return presign(token, Map.of("object_key", objectKey, "action", "putObject", "content_type", contentType,
                "content_length", contentLength));
    }

    private ApiClient.Reply presign(String token, Map<String, Object> request) {
        return chain.client().postJson("/presign", token, request);
    }
}
