package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;

import static io.sqsextended.chain.testkit.ApiClient.ADMIN;
import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session of every kind of call, successful and refused, leaves no bearer token and no presigned URL signature
 * in the log (every logger, from start-up to shutdown), while each presign is still logged by its key (a single
 * PUT or GET at DEBUG: a line per request at INFO made the API's threads queue for the console).
 */
class SecretsInLogsTest {

    static final String WRONG_TOKEN = "wrong-token-c0ffee";
    static final Pattern SIGNATURE = Pattern.compile("X-Amz-Signature=([0-9a-f]+)");

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app()
            .property(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "100")
            .startInTest();
    static CapturedLogs log;
    static final List<String> signatures = new ArrayList<>();
    static final List<String> keys = new ArrayList<>();

    @BeforeAll
    static void runASession() throws Exception {
        log = CapturedLogs.open("presign-log-capture", "io.sqsextended.chain.presign", "io.sqsextended.chain.api");
        chain.start();
        try {
            ApiClient client = chain.client();
            byte[] small = "ten bytes!".getBytes(StandardCharsets.UTF_8);
            JsonNode single = ok(client.postJson("/v1/uploads", PRODUCER,
                    Map.of("contentType", "text/plain", "contentLength", small.length,
                    "fileName", "a b+c.txt")));
            client.put(single.get("url").asText(), ApiClient.headersOf(single), small);
            JsonNode plan = ok(client.postJson("/v1/uploads", PRODUCER,
                    Map.of("contentType", "text/plain", "contentLength", 200)));
            JsonNode part = plan.get("parts").get(0);
            String eTag = client.put(part.get("url").asText(), Map.of(), new byte[200]).header("ETag");
            ok(client.postJson("/v1/uploads/complete", PRODUCER, Map.of("key", plan.get("key").asText(), "uploadId",
                    plan.get("uploadId").asText(), "parts", List.of(Map.of("partNumber", 1, "eTag", eTag)))));
            String key = single.get("key").asText();
            ok(client.postJson("/v1/downloads", CONSUMER, Map.of("key", key)));
            signed(client.apiGet("/v1/downloads/" + ApiClient.rawPath(key), ADMIN).header("Location"));
            signed(client.postJson("/presign", PRODUCER, Map.of("object_key", "input/lambda.txt", "action", "putObject",
                    "content_type", "text/plain", "content_length", 1)).text());
            signed(client.postJson("/presign", CONSUMER, Map.of("object_key", key, "action", "getObject")).text());
            client.postJson("/v1/uploads", WRONG_TOKEN, Map.of("contentType", "text/plain", "contentLength", 1));
            client.postJson("/v1/uploads", CONSUMER, Map.of("contentType", "text/plain", "contentLength", 1));
            client.send("POST", "/v1/uploads", PRODUCER, "application/json", ("{\"token\":\"" + PRODUCER + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            client.postJson("/v1/downloads", CONSUMER, Map.of("key", "input/missing"));
            keys.add(key);
            keys.add(plan.get("key").asText());
        } finally {
            chain.stop();
        }
    }

    @AfterAll
    static void stopCapture() {
        log.close();
    }

    @Test
    void noBearerTokenIsLogged() {
        assertThat(log.text()).doesNotContain(PRODUCER, CONSUMER, ADMIN, WRONG_TOKEN);
    }

    @Test
    void noPresignedUrlSignatureIsLogged() {
        assertThat(signatures).hasSize(6);
        assertThat(log.text()).doesNotContain("X-Amz-Signature").doesNotContain(signatures.toArray(String[]::new));
    }

    @Test
    void everyPresignIsLoggedByItsKey() {
        assertThat(log.lines()).anyMatch(line -> line.contains("Presigned PUT of " + keys.get(0)))
                .anyMatch(line -> line.contains("Presigned multipart upload of " + keys.get(1)))
                .anyMatch(line -> line.contains("Presigned GET of " + keys.get(0)));
    }

    @Test
    void singlePresignsAreLoggedAtDebugAndMultipartPlansAtInfo() {
        assertThat(log.lines()).filteredOn(line -> line.startsWith("INFO ") && line.contains("Presigned PUT of ")
                || line.startsWith("INFO ")
                && line.contains("Presigned GET of ")).isEmpty();
        assertThat(log.lines()).anyMatch(line -> line.startsWith("DEBUG ")
                && line.contains("Presigned PUT of " + keys.get(0)))
                .anyMatch(line -> line.startsWith("DEBUG ") && line.contains("Presigned GET of " + keys.get(0)))
                .anyMatch(line -> line.startsWith("INFO ")
                        && line.contains("Presigned multipart upload of " + keys.get(1)));
    }

    @Test
    void refusalsAreLoggedWithoutTheirRequest() {
        assertThat(log.lines()).anyMatch(line -> line.contains("Refused POST /v1/uploads: 401"))
                .anyMatch(line -> line.contains("Refused POST /v1/uploads: 403"));
    }

    private static JsonNode ok(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
        collectSignatures(reply.text());
        return reply.json();
    }

    private static void signed(String url) {
        collectSignatures(url);
    }

    private static void collectSignatures(String text) {
        Matcher m = SIGNATURE.matcher(text);
        while (m.find()) {
            signatures.add(m.group(1));
        }
    }
}
