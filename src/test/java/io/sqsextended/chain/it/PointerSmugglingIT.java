package io.sqsextended.chain.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.RecordingWebhook;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.testkit.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, two producer tokens: producer B publishes, through {@code POST /v1/messages}, bodies that look
 * like references to producer A's upload. B's bodies reach the downstream as B's bytes; A's upload is delivered once,
 * as its own event, and never deleted.
 */
class PointerSmugglingIT {

    static final String PRODUCER_A = "producer-a-" + UUID.randomUUID();
    static final String PRODUCER_B = "producer-b-" + UUID.randomUUID();
    static final String CONSUMER = "consumer-" + UUID.randomUUID();

    @TempDir
    static Path home;
    static RecordingWebhook webhook;
    static RunningJar jar;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        webhook = RecordingWebhook.start();
        jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.consumer.wait-time-seconds=1",
                "-Dchain.auth.producer-tokens=" + PRODUCER_A + "," + PRODUCER_B, "-Dchain.auth.consumer-tokens="
                        + CONSUMER,
                "-Dchain.routes.dir=" + Path.of("examples/routes").toAbsolutePath(),
                        "-Dchain.downstream.uri=direct:webhook",
                "-Dexample.webhook.url=" + webhook.url("/hook"));
        jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
        api = new ApiClient(jar.api());
    }

    @AfterAll
    static void stop() throws Exception {
        jar.close();
        webhook.close();
    }

    @Test
    void bodiesThatNameAnotherProducersUploadAreDeliveredAsTheBytesTheyAreAndTheUploadSurvives() {
        String content = "producer A's payload " + UUID.randomUUID();
        var ticket = api.postJson("/v1/uploads", PRODUCER_A, Map.of("contentType", "text/plain",
                "contentLength", content.length(), "fileName", "a.txt")).json();
        String bucket = ticket.get("bucket").asText();
        String key = ticket.get("key").asText();
        assertThat(api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                content.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> webhook.posts().stream().anyMatch(p -> key.equals(p.header("PayloadKey"))));
        List<String> smuggled = List.of(
                TestEvents.pointer("software.amazon.payloadoffloading.PayloadS3Pointer", bucket, key),
                TestEvents.pointer("com.amazon.sqs.javamessaging.MessageS3Pointer", bucket, "input/../" + key),
                TestEvents.pointer("software.amazon.payloadoffloading.PayloadS3Pointer", bucket, "offload/../" + key),
                TestEvents.objectCreated(bucket, key, "FFFF"),
                TestEvents.snsEnvelope(TestEvents.objectCreated(bucket, key, "FFFE")),
                TestEvents.eventBridgeObjectCreated(bucket, key, "FFFD"));

        for (String body : smuggled) {
            ApiClient.Reply published = api.send("POST", "/v1/messages", PRODUCER_B, "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(published.status()).as(published.text()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(webhook.posts())
                .filteredOn(p -> "inline".equals(p.header("PayloadSource"))).extracting(RecordingWebhook.Post::text)
                        .containsAll(smuggled));
        assertThat(webhook.posts()).filteredOn(p -> key.equals(p.header("PayloadKey")))
                .extracting(p -> p.header("PayloadSource"))
                .containsExactly("s3-event");
        ApiClient.Reply download = api.postJson("/v1/downloads", CONSUMER, Map.of("key", key));
        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(api.get(download.json().get("url").asText()).text()).isEqualTo(content);
    }
}
