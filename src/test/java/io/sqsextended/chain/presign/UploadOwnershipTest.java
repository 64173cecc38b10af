package io.sqsextended.chain.presign;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.api.TokenAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sqsextended.chain.presign.ApiClient.ADMIN;
import static io.sqsextended.chain.presign.ApiClient.CONSUMER;
import static io.sqsextended.chain.presign.ApiClient.PRODUCER;
import static io.sqsextended.chain.presign.UploadRoundTripTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** A multipart upload is completed or aborted only with the token that started it (an admin may abort any). */
class UploadOwnershipTest {

    static final int MIB = 1024 * 1024;
    // configured as its SHA-256: the caller presents it plain
    static final String OTHER = "other-producer-token";

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ApiClient client;
    final byte[] body = randomBytes(7 * MIB);

    @BeforeAll
    static void startApp() throws Exception {
        app = twoProducers(dataDir);
        client = new ApiClient(app.api());
    }

    /** The app with a second producer token and multipart plans of 5 MiB parts from 6 MiB. */
    static ChainApp twoProducers(Path dataDir) throws Exception {
        String hashed = "sha256:" + HexFormat.of().formatHex(TokenAuthenticator.sha256(OTHER));
        return ChainApp.builder(dataDir).properties(Map.of("chain.auth.producer-tokens", PRODUCER + "," + hashed,
                "chain.upload.multipart-threshold", "6MiB", "chain.upload.part-size", "5MiB")).start();
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void anotherProducerCannotAbortAnUploadAndItsProducerStillCompletesIt() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);

        ApiClient.Reply aborted = client.abort(OTHER, plan.get("uploadId").asText(), plan.get("key").asText());

        assertThat(aborted.status()).isEqualTo(403);
        assertThat(ApiClient.problem(aborted).get("type").asText()).endsWith(":forbidden");
        assertThat(client.complete(PRODUCER, plan, parts).status()).isEqualTo(200);
        assertThat(client.download(CONSUMER, plan.get("key").asText())).isEqualTo(body);
    }

    @Test
    void anotherProducerCannotCompleteAnUpload() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);

        ApiClient.Reply completed = client.complete(OTHER, plan, parts);

        assertThat(completed.status()).isEqualTo(403);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":forbidden");
        assertThat(client.complete(PRODUCER, plan, parts).status()).isEqualTo(200);
    }

    @Test
    void aProducerOfAHashedTokenCompletesItsOwnUpload() {
        JsonNode plan = startUpload(OTHER);

        ApiClient.Reply completed = client.complete(OTHER, plan, client.uploadParts(plan, body));

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
    }

    @Test
    void theAdminMayAbortAnyUpload() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);

        ApiClient.Reply aborted = client.abort(ADMIN, plan.get("uploadId").asText(), plan.get("key").asText());

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(client.complete(PRODUCER, plan, parts).status()).isEqualTo(404);
    }

    @Test
    void anAbortNamingAnotherKeyThanTheUploadsIsNotFoundAndAbortsNothing() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);
        JsonNode another = startUpload(PRODUCER);

        ApiClient.Reply aborted = client.abort(PRODUCER, plan.get("uploadId").asText(), another.get("key").asText());

        assertThat(aborted.status()).isEqualTo(404);
        assertThat(ApiClient.problem(aborted).get("type").asText()).endsWith(":upload-not-found");
        assertThat(client.complete(PRODUCER, plan, parts).status()).isEqualTo(200);
    }

    @Test
    void aCompletionOverAnObjectPutMeanwhileIsAConflictAndKeepsThatObject() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);
        String key = plan.get("key").asText();
        byte[] first = randomBytes(10);
        String url = client.postJson("/presign", OTHER, Map.of("object_key", key, "action", "putObject",
                "content_type", "application/octet-stream", "content_length", first.length)).text();
        assertThat(client.put(url, Map.of("Content-Type", "application/octet-stream", "If-None-Match", "*"), first).status()).isEqualTo(200);

        ApiClient.Reply completed = client.complete(PRODUCER, plan, parts);

        assertThat(completed.status()).isEqualTo(409);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":key-exists");
        assertThat(client.download(CONSUMER, key)).isEqualTo(first);
    }

    private JsonNode startUpload(String token) {
        ApiClient.Reply reply = client.postJson("/v1/uploads", token, Map.of("contentType", "application/octet-stream",
                "contentLength", body.length, "fileName", "big.bin"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }
}
