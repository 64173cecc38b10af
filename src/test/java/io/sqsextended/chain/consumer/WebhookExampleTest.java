package io.sqsextended.chain.consumer;

import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RandomBytes;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/routes/webhook.camel.yaml, loaded from chain.routes.dir, posts payloads to a webhook. */
class WebhookExampleTest {

    static RecordingWebhook webhook;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer()
            .beforeStart(c -> webhook = c.closing(RecordingWebhook.start()))
            .properties(Map.of(
                    ConsumerSettings.ROUTES_DIR.name(), "examples/routes",
                    ConsumerSettings.DOWNSTREAM_URI.name(), "direct:webhook",
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "100"))
            .property("example.webhook.url", c -> webhook.url("/hook"));

    @Test
    void anUploadedPayloadIsPostedToTheWebhookWithItsHeaders() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/hook.bin";
        byte[] payload = RandomBytes.randomBytes(2 * 1024 * 1024);
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(payload));

        RecordingWebhook.Post post = await()
                .until(() -> webhook.posts().stream().filter(p -> key.equals(p.headers().getFirst("PayloadKey")))
                .findFirst(),
                java.util.Optional::isPresent).orElseThrow();

        assertThat(post.body()).isEqualTo(payload);
        assertThat(post.headers().getFirst("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(post.headers().getFirst("PayloadSize")).isEqualTo(String.valueOf(payload.length));
        assertThat(post.headers().getFirst("PayloadSource")).isEqualTo("s3-event");
    }

    @Test
    void aWebhookThatAnswersWithAnErrorSendsTheMessageToTheDeadLetterQueue() {
        Queues queues = Queues.of(chain.running(), chain.sqs());
        webhook.answer(503);
        try {
            String messageId = queues.send("inline for a failing hook " + UUID.randomUUID());

            Message deadLetter = queues.awaitDeadLetter(m
                    -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));

            assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE)).contains("503");
            assertThat(attribute(deadLetter, DeadLetterSender.FAILED_ROUTE)).isEqualTo("example-webhook");
            assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("2");
        } finally {
            webhook.answer(204);
        }
    }
}
