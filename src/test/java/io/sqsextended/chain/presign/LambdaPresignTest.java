package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sqsextended.chain.presign.ApiClient.CONSUMER;
import static io.sqsextended.chain.presign.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /presign} keeps the original Lambda's contract (bare URL as text) under the v1 roles and key rules. */
class LambdaPresignTest {

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ApiClient client;
    final String key = "input/lambda/" + UUID.randomUUID() + "/data file+1.txt";
    final byte[] body = "from the lambda contract".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void startApp() throws Exception {
        app = ChainApp.start(dataDir, Map.of());
        client = new ApiClient(app.api());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void putObjectAnswersABareUrlThatUploads() {
        ApiClient.Reply reply = presign(PRODUCER, Map.of("object_key", key, "action", "putObject"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.text()).startsWith("http").contains("X-Amz-Signature=").doesNotContain("\"");
        assertThat(client.put(reply.text(), Map.of(), body).status()).isEqualTo(200);
    }

    @Test
    void getObjectAnswersABareUrlThatDownloads() {
        client.put(presign(PRODUCER, Map.of("object_key", key, "action", "putObject")).text(), Map.of(), body);

        ApiClient.Reply reply = presign(CONSUMER, Map.of("object_key", key, "action", "getObject"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(client.get(reply.text()).body()).isEqualTo(body);
    }

    @Test
    void putObjectWithAContentLengthSignsIt() {
        ApiClient.Reply reply = presign(PRODUCER, Map.of("object_key", key, "action", "putObject", "content_length", body.length + 1));

        assertThat(client.put(reply.text(), Map.of(), body).status()).isEqualTo(403);
    }

    @Test
    void putObjectOutsideTheInputPrefixIsForbidden() {
        ApiClient.Reply reply = presign(PRODUCER, Map.of("object_key", "offload/" + UUID.randomUUID(), "action", "putObject"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":key-not-allowed");
    }

    @Test
    void putObjectNeedsTheProducerRole() {
        ApiClient.Reply reply = presign(CONSUMER, Map.of("object_key", key, "action", "putObject"));

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

    @Test
    void withoutATokenNothingIsSigned() {
        ApiClient.Reply reply = presign(null, Map.of("object_key", key, "action", "getObject"));

        assertThat(reply.status()).isEqualTo(401);
    }

    private ApiClient.Reply presign(String token, Map<String, Object> request) {
        return client.postJson("/presign", token, request);
    }
}
