package io.sqsextended.chain.presign;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.config.AuthSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.ADMIN;
import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static io.sqsextended.chain.testkit.RandomBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** A multipart upload is completed or aborted only with the token that started it (an admin may abort any). */
class UploadOwnershipTest {

    static final int MIB = 1024 * 1024;
    // configured as its SHA-256: the caller presents it plain
    static final String OTHER = "other-producer-token";

    @RegisterExtension
    static final ChainExtension chain = twoProducers();
    final byte[] body = randomBytes(7 * MIB);

    /** The app with a second producer token and multipart plans of 5 MiB parts from 6 MiB. */
    static ChainExtension twoProducers() {
        return ChainExtension.app().properties(Map.of(AuthSettings.PRODUCER_TOKENS.name(),
                PRODUCER + ",sha256:" + HexFormat.of().formatHex(TokenAuthenticator.sha256(OTHER)),
                PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));
    }

    @Test
    void anotherProducerCannotAbortAnUploadAndItsProducerStillCompletesIt() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);

        ApiClient.Reply aborted = chain.client().abort(OTHER, plan.get("uploadId").asText(), plan.get("key").asText());

        assertThat(aborted.status()).isEqualTo(403);
        assertThat(ApiClient.problem(aborted).get("type").asText()).endsWith(":forbidden");
        assertThat(chain.client().complete(PRODUCER, plan, parts).status()).isEqualTo(200);
        assertThat(chain.client().download(CONSUMER, plan.get("key").asText())).isEqualTo(body);
    }

    @Test
    void anotherProducerCannotCompleteAnUpload() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);

        ApiClient.Reply completed = chain.client().complete(OTHER, plan, parts);

        assertThat(completed.status()).isEqualTo(403);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":forbidden");
        assertThat(chain.client().complete(PRODUCER, plan, parts).status()).isEqualTo(200);
    }

    @Test
    void aProducerOfAHashedTokenCompletesItsOwnUpload() {
        JsonNode plan = startUpload(OTHER);

        ApiClient.Reply completed = chain.client().complete(OTHER, plan, chain.client().uploadParts(plan, body));

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
    }

    @Test
    void theAdminMayAbortAnyUpload() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);

        ApiClient.Reply aborted = chain.client().abort(ADMIN, plan.get("uploadId").asText(), plan.get("key").asText());

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(chain.client().complete(PRODUCER, plan, parts).status()).isEqualTo(404);
    }

    @Test
    void anAbortNamingAnotherKeyThanTheUploadsIsNotFoundAndAbortsNothing() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);
        JsonNode another = startUpload(PRODUCER);

        ApiClient.Reply aborted = chain.client()
                .abort(PRODUCER, plan.get("uploadId").asText(), another.get("key").asText());

        assertThat(aborted.status()).isEqualTo(404);
        assertThat(ApiClient.problem(aborted).get("type").asText()).endsWith(":upload-not-found");
        assertThat(chain.client().complete(PRODUCER, plan, parts).status()).isEqualTo(200);
    }

    @Test
    void aCompletionOverAnObjectPutMeanwhileIsAConflictAndKeepsThatObject() {
        JsonNode plan = startUpload(PRODUCER);
        List<Map<String, Object>> parts = chain.client().uploadParts(plan, body);
        String key = plan.get("key").asText();
        byte[] first = randomBytes(10);
        String url = chain.client().postJson("/presign", OTHER, Map.of("object_key", key, "action", "putObject",
                "content_type", "application/octet-stream", "content_length", first.length)).text();
        assertThat(chain.client().put(url, Map.of("Content-Type", "application/octet-stream", "If-None-Match", "*"),
                first).status()).isEqualTo(200);

        ApiClient.Reply completed = chain.client().complete(PRODUCER, plan, parts);

        assertThat(completed.status()).isEqualTo(409);
        assertThat(ApiClient.problem(completed).get("type").asText()).endsWith(":key-exists");
        assertThat(chain.client().download(CONSUMER, key)).isEqualTo(first);
    }

    private JsonNode startUpload(String token) {
        ApiClient.Reply reply = chain.client()
                .postJson("/v1/uploads", token, Map.of("contentType", "application/octet-stream",
                "contentLength", body.length, "fileName", "big.bin"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }
}
