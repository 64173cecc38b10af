package io.sqsextended.chain.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.sqsextended.chain.testkit.ApiClient;

import static io.sqsextended.chain.testkit.RandomBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar with two producer tokens: neither producer can replace, complete or abort the other's upload. */
class ProducerIsolationIT {

    static final String A = "tok-a";
    static final String B = "tok-b";
    static final String CONSUMER = "tok-c";
    static final int MIB = 1024 * 1024;

    @TempDir
    static Path home;
    static RunningJar jar;
    static ApiClient client;
    static SqsClient sqs;
    static Queues events;

    @BeforeAll
    static void startJar() throws Exception {
        jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.consumer.enabled=false", "-Dchain.auth.producer-tokens=" + A + "," + B,
                "-Dchain.auth.consumer-tokens=" + CONSUMER, "-Dchain.auth.admin-tokens=",
                "-Dchain.upload.multipart-threshold=6MiB", "-Dchain.upload.part-size=5MiB");
        jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
        client = new ApiClient(jar.api());
        sqs = AwsClients.sqs(jar.clientSettings());
        // the events the consumer chain would deliver downstream (it is off: they stay on the queue)
        events = new Queues(sqs, "sqs-extended-chain-notifications");
    }

    @AfterAll
    static void stopJar() throws Exception {
        sqs.close();
        jar.close();
    }

    @Test
    void aSecondProducerCannotReplaceAnObjectThroughPresign() {
        byte[] victim = "producer A's order".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = createUpload(A, "text/plain", victim.length);
        String key = ticket.get("key").asText();
        assertThat(client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), victim).status()).isEqualTo(200);
        byte[] hostile = "<html>producer B was here</html>".getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply asHtml = client.postJson("/presign", B, Map.of("object_key", key, "action", "putObject",
                "content_type", "text/html", "content_length", hostile.length));
        String url = client.postJson("/presign", B, Map.of("object_key", key, "action", "putObject",
                "content_type", "text/plain", "content_length", hostile.length)).text();
        ApiClient.Reply overwrite = client.put(url, Map.of("Content-Type", "text/plain", "If-None-Match", "*"),
                hostile);

        assertThat(asHtml.status()).isEqualTo(400);
        assertThat(overwrite.status()).isEqualTo(412);
        assertThat(client.download(CONSUMER, key)).isEqualTo(victim);
        assertOneEvent(key);
    }

    @Test
    void aReplayedUploadUrlCannotReplaceTheObject() {
        byte[] victim = randomBytes(64);
        JsonNode ticket = createUpload(A, "application/octet-stream", victim.length);
        assertThat(client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), victim).status()).isEqualTo(200);

        ApiClient.Reply replay = client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), randomBytes(64));

        assertThat(replay.status()).isEqualTo(412);
        assertThat(client.download(CONSUMER, ticket.get("key").asText())).isEqualTo(victim);
        assertOneEvent(ticket.get("key").asText());
    }

    @Test
    void aSecondProducerCannotCompleteOrAbortAnUploadAndItsProducerCan() {
        byte[] body = randomBytes(7 * MIB);
        JsonNode plan = createUpload(A, "application/octet-stream", body.length);
        List<Map<String, Object>> parts = client.uploadParts(plan, body);

        ApiClient.Reply completedByB = client.complete(B, plan, parts);
        ApiClient.Reply abortedByB = client.abort(B, plan.get("uploadId").asText(), plan.get("key").asText());
        ApiClient.Reply completedByA = client.complete(A, plan, parts);

        assertThat(completedByB.status()).isEqualTo(403);
        assertThat(abortedByB.status()).isEqualTo(403);
        assertThat(completedByA.status()).isEqualTo(200);
        assertThat(client.download(CONSUMER, plan.get("key").asText())).isEqualTo(body);
    }

    @Test
    void itsProducerAbortsAnUploadAndAnAbortNamingAnotherKeyIsNotFound() {
        byte[] body = randomBytes(7 * MIB);
        JsonNode plan = createUpload(A, "application/octet-stream", body.length);
        JsonNode another = createUpload(A, "application/octet-stream", body.length);

        ApiClient.Reply wrongKey = client.abort(A, plan.get("uploadId").asText(), another.get("key").asText());
        ApiClient.Reply aborted = client.abort(A, plan.get("uploadId").asText(), plan.get("key").asText());

        assertThat(wrongKey.status()).isEqualTo(404);
        assertThat(ApiClient.problem(wrongKey).get("type").asText()).endsWith(":upload-not-found");
        assertThat(aborted.status()).isEqualTo(204);
    }

    private JsonNode createUpload(String token, String contentType, long length) {
        ApiClient.Reply reply = client.postJson("/v1/uploads", token,
                Map.of("contentType", contentType, "contentLength", length,
                "fileName", "order.txt"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    /** One event of {@code key}: a later upload's event has arrived, and events are published in order. */
    private void assertOneEvent(String key) {
        JsonNode later = createUpload(A, "text/plain", 1);
        client.put(later.get("url").asText(), ApiClient.headersOf(later), new byte[] {'x'});
        events.awaitMessages(m -> m.body().contains(later.get("key").asText().split("/")[4]), 1);

        assertThat(events.matching(m -> m.body().contains(key.split("/")[4]))).hasSize(1);
    }
}
