package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.local.LocalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static io.sqsextended.chain.testkit.RandomBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Producers upload with the URL and headers the API answers, in one PUT or in parts; consumers read the same bytes
 * back. S3 (the embedded S3Proxy, SigV4 checked) refuses uploads that differ from what was signed.
 */
class UploadRoundTripTest {

    static final int MIB = 1024 * 1024;

    // multipart from 6 MiB, in parts of S3's minimum (5 MiB), so that a test upload has several parts
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app()
            .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));

    @Test
    void aSinglePutUploadReadsBackByteForByte() {
        byte[] body = randomBytes(1000);
        JsonNode ticket = createUpload("application/octet-stream", body.length, "data.bin", Map.of());

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status())
                .isEqualTo(200);

        assertThat(download(ticket.get("key").asText())).isEqualTo(body);
    }

    @Test
    void theTicketNamesTheBucketAKeyUnderTheInputPrefixAndTheSignedHeaders() {
        JsonNode ticket = createUpload("text/plain", 5, "notes.txt", Map.of("origin", "test"));

        assertThat(ticket.get("bucket").asText()).isEqualTo(chain.property(ChainKeys.BUCKET.name()));
        assertThat(ticket.get("key").asText())
                .matches("input/\\d{4}/\\d{2}/\\d{2}/[0-9a-f]{32}-[0-9a-f]{32}/notes\\.txt");
        assertThat(ticket.get("method").asText()).isEqualTo("PUT");
        assertThat(ApiClient.headersOf(ticket)).containsEntry("content-type", "text/plain")
                .containsEntry("content-length", "5")
                .containsEntry("x-amz-meta-origin", "test").containsEntry("if-none-match", "*");
        assertThat(Instant.parse(ticket.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(15)),
                within(Duration.ofSeconds(30)));
    }

    @Test
    void metadataSignedIntoTheUrlIsStoredWithTheObject() {
        byte[] body = "with metadata".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = createUpload("text/plain", body.length, null, Map.of("Batch-Id", "42"));
        chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body);

        ApiClient.Reply object = chain.client().get(describeDownload(ticket.get("key").asText()).get("url").asText());

        assertThat(object.header("x-amz-meta-batch-id")).isEqualTo("42");
        assertThat(ticket.get("key").asText()).endsWith("/object");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "my report 2026.txt|my report 2026.txt",
            "a+b=c.txt|a+b=c.txt",
            "résumé 履歴書 ☃.txt|résumé 履歴書 ☃.txt",
            "100% {draft} #1?.txt|100_ _draft_ _1_.txt"})
    void fileNamesKeepSpacesPlusAndNonAsciiAndLoseOnlyCharactersS3AdvisesAgainst(String fileName, String lastSegment) {
        byte[] body = fileName.getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = createUpload("text/plain; charset=utf-8", body.length, fileName, Map.of());
        String key = ticket.get("key").asText();

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status())
                .isEqualTo(200);

        assertThat(key).endsWith("/" + lastSegment);
        assertThat(download(key)).isEqualTo(body);
        assertThat(redirectDownload(ApiClient.rawPath(key))).isEqualTo(body);
    }

    @Test
    void aMultipartUploadOfSeveralPartsReadsBackByteForByte() {
        byte[] body = randomBytes(11 * MIB + 123);
        JsonNode plan = createUpload("application/octet-stream", body.length, "big.bin", Map.of());

        assertThat(plan.get("partSize").asLong()).isEqualTo(5L * MIB);
        assertThat(plan.get("parts")).hasSize(3);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);
        ApiClient.Reply completed = chain.client().postJson("/v1/uploads/complete", PRODUCER,
                Map.of("key", plan.get("key").asText(), "uploadId", plan.get("uploadId").asText(), "parts", parts));

        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().get("key").asText()).isEqualTo(plan.get("key").asText());
        assertThat(redirectDownload(ApiClient.rawPath(plan.get("key").asText()))).isEqualTo(body);
    }

    @Test
    void aReplayedPutUrlCannotReplaceTheObject() {
        byte[] body = randomBytes(100);
        JsonNode ticket = createUpload("application/octet-stream", body.length, "once.bin", Map.of());
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status())
                .isEqualTo(200);

        ApiClient.Reply replay = chain.client()
                .put(ticket.get("url").asText(), ApiClient.headersOf(ticket), randomBytes(100));

        assertThat(replay.status()).isEqualTo(412);
        assertThat(download(ticket.get("key").asText())).isEqualTo(body);
    }

    @Test
    void aPutWithoutTheSignedIfNoneMatchIsRefusedByS3() {
        JsonNode ticket = createUpload("text/plain", 10, "ten.txt", Map.of());
        Map<String, String> headers = ApiClient.headersOf(ticket);
        headers.remove("if-none-match");

        assertThat(chain.client().put(ticket.get("url").asText(), headers, randomBytes(10)).status()).isEqualTo(403);
    }

    @Test
    void theLongestFileNameTheEmbeddedS3CanStoreUploadsInOnePutAndInParts() {
        String fileName = "n".repeat(LocalSettings.MAX_KEY_SEGMENT_BYTES - 4) + ".bin";
        byte[] small = randomBytes(10);
        JsonNode ticket = createUpload("application/octet-stream", small.length, fileName, Map.of());
        byte[] big = randomBytes(7 * MIB);
        JsonNode plan = createUpload("application/octet-stream", big.length, fileName, Map.of());

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), small).status())
                .isEqualTo(200);
        ApiClient.Reply completed = chain.client()
                .postJson("/v1/uploads/complete", PRODUCER, Map.of("key", plan.get("key").asText(),
                "uploadId", plan.get("uploadId").asText(), "parts", chain.client().uploadParts(plan, big)));

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(download(ticket.get("key").asText())).isEqualTo(small);
        assertThat(download(plan.get("key").asText())).isEqualTo(big);
    }

    @Test
    void aFileNameLongerThanTheEmbeddedS3CanStoreIsRefusedWhenTheUploadIsRequested() {
        String fileName = "n".repeat(LocalSettings.MAX_KEY_SEGMENT_BYTES - 3) + ".bin";

        ApiClient.Reply reply = chain.client()
                .postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", 1,
                "fileName", fileName));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-key");
        assertThat(ApiClient.problem(reply).get("detail").asText())
                .contains(String.valueOf(LocalSettings.MAX_KEY_SEGMENT_BYTES));
    }

    @Test
    void aPutOfAnotherContentLengthThanRequestedIsRefusedByS3() {
        JsonNode ticket = createUpload("text/plain", 10, "ten.txt", Map.of());

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), randomBytes(11))
                .status()).isEqualTo(403);
    }

    @Test
    void aPutOfAnotherContentTypeThanRequestedIsRefusedByS3() {
        JsonNode ticket = createUpload("text/plain", 10, "ten.txt", Map.of());
        Map<String, String> headers = ApiClient.headersOf(ticket);
        headers.put("content-type", "application/octet-stream");

        assertThat(chain.client().put(ticket.get("url").asText(), headers, randomBytes(10)).status()).isEqualTo(403);
    }

    @Test
    void aPutWithoutTheSignedMetadataIsRefusedByS3() {
        JsonNode ticket = createUpload("text/plain", 10, "ten.txt", Map.of("origin", "test"));
        Map<String, String> headers = ApiClient.headersOf(ticket);
        headers.remove("x-amz-meta-origin");

        assertThat(chain.client().put(ticket.get("url").asText(), headers, randomBytes(10)).status()).isEqualTo(403);
    }

    @Test
    void aPartOfAnotherSizeThanPlannedIsRefusedByS3() {
        JsonNode plan = createUpload("application/octet-stream", 7L * MIB, "big.bin", Map.of());

        // a short body: S3 refuses on the headers, and a long one could still be on its way when the connection closes
        assertThat(chain.client().put(plan.get("parts").get(0).get("url").asText(), Map.of(), randomBytes(1024))
                .status()).isEqualTo(403);
    }

    @Test
    void anAbortedMultipartUploadCannotBeCompleted() {
        byte[] body = randomBytes(7 * MIB);
        JsonNode plan = createUpload("application/octet-stream", body.length, "big.bin", Map.of());
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);
        String key = plan.get("key").asText();
        String uploadId = plan.get("uploadId").asText();

        ApiClient.Reply aborted = chain.client()
                .send("DELETE", "/v1/uploads/" + ApiClient.encode(uploadId) + "?key=" + ApiClient.encode(key),
                PRODUCER, null, null);
        ApiClient.Reply completed = chain.client()
                .postJson("/v1/uploads/complete", PRODUCER, Map.of("key", key, "uploadId", uploadId, "parts", parts));

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(completed.status()).isEqualTo(404);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":upload-not-found");
    }

    @Test
    void completingWithAnETagS3DidNotAnswerIsRefused() {
        byte[] body = randomBytes(7 * MIB);
        JsonNode plan = createUpload("application/octet-stream", body.length, "big.bin", Map.of());
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);
        parts.get(1).put("eTag", "\"00000000000000000000000000000000\"");

        ApiClient.Reply completed = chain.client().postJson("/v1/uploads/complete", PRODUCER,
                Map.of("key", plan.get("key").asText(), "uploadId", plan.get("uploadId").asText(), "parts", parts));

        assertThat(completed.status()).isEqualTo(400);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":invalid-parts");
    }

    @Test
    void presignsAreCounted() {
        long before = metrics().count("issued.put");

        createUpload("text/plain", 1, null, Map.of());

        assertThat(metrics().count("issued.put")).isEqualTo(before + 1);
    }

    private JsonNode createUpload(String contentType, long length, String fileName, Map<String, String> metadata) {
        Map<String, Object> request = new HashMap<>(
                Map.of("contentType", contentType, "contentLength", length, "metadata", metadata));
        if (fileName != null) {
            request.put("fileName", fileName);
        }
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER, request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    private JsonNode describeDownload(String key) {
        ApiClient.Reply reply = chain.client().postJson("/v1/downloads", CONSUMER, Map.of("key", key));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    private byte[] download(String key) {
        return chain.client().get(describeDownload(key).get("url").asText()).body();
    }

    /** Follows {@code GET /v1/downloads/{key}} as {@code curl -L} does. */
    private byte[] redirectDownload(String rawKeyPath) {
        ApiClient.Reply redirect = chain.client().apiGet("/v1/downloads/" + rawKeyPath, CONSUMER);
        assertThat(redirect.status()).as(redirect.text()).isEqualTo(307);
        return chain.client().get(redirect.header("Location")).body();
    }

    private static ApiMetrics metrics() {
        return chain.context().getRegistry().lookupByNameAndType("presignMetrics", ApiMetrics.class);
    }
}
