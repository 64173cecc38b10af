package io.sqsextended.chain.moto;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import io.sqsextended.chain.testkit.MotoChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures on moto: the app's redelivery and its dead letters on the stack's dead-letter queue, moto's own redrive
 * policy (the template's RedrivePolicy), and the operator's redrive (the chain's MBean) back to the queue.
 */
@Tag("moto")
class MotoFailureTest {

    // fast backoff: three redeliveries within a second
    static final Map<String, String> QUICK_REDELIVERY = Map.of(ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "100",
            ConsumerSettings.REDELIVERY_MAX_DELAY.name(), "400");

    @TempDir
    Path dataDir;
    MotoChain chain;

    @AfterEach
    void stop() {
        // null where moto_server is missing: the test was skipped before it started one
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void aPayloadTheDownstreamKeepsRefusingIsRedeliveredThenDeadLetteredWithItsReason() throws Exception {
        chain = MotoChain.start(dataDir, Map.of(), QUICK_REDELIVERY);
        String id = UUID.randomUUID().toString();
        String key = "input/refused/" + id;
        chain.downstream.failWhen = key::equals;

        chain.s3.putObject(r -> r.bucket(chain.stack.bucket()).key(key), RequestBody.fromString("refused"));

        // the event's body names the key URL-encoded (moto writes '/' as %2F)
        Message deadLetter = chain.queues.awaitDeadLetter(m -> m.body().contains(id));
        assertThat(chain.downstream.ofKey(key)).hasSize(4).noneMatch(attempt -> attempt.delivered());
        assertThat(Queues.attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isNotBlank();
        assertThat(Queues.attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("4");
        assertThat(Queues.attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE)).contains("Downstream refused " + key);
    }

    @Test
    void theRedriveOperationSendsADeadLetterBackAndItIsDeliveredOnce() throws Exception {
        chain = MotoChain.start(dataDir, Map.of(), QUICK_REDELIVERY);
        String key = "input/redriven/" + UUID.randomUUID();
        chain.downstream.failWhen = key::equals;
        chain.s3.putObject(r -> r.bucket(chain.stack.bucket()).key(key), RequestBody.fromString("second chance"));
        await().until(() -> chain.management().getDeadLetterQueueDepth() == 1);
        chain.downstream.failWhen = subject -> false;

        int redriven = chain.management().redriveDeadLetters(10);

        assertThat(redriven).isEqualTo(1);
        await().until(() -> !chain.downstream.deliveries().isEmpty());
        assertThat(chain.downstream.deliveries()).singleElement()
                .satisfies(d -> assertThat(d.text()).isEqualTo("second chance"));
        await().until(() -> chain.queues.pending() == 0);
        assertThat(chain.management().getDeadLetterQueueDepth()).isZero();
    }

    /** A consumer that receives and never deletes (crashes): moto moves the message after MaxReceiveCount receives. */
    @Test
    void motoMovesAMessageReceivedMaxReceiveCountTimesToTheDeadLetterQueueAndTheRedriveBringsItBack() throws Exception {
        chain = MotoChain.start(dataDir, Map.of("MaxReceiveCount", "2"),
                Map.of(ConsumerSettings.ENABLED.name(), "false"));
        String body = "never deleted " + UUID.randomUUID();
        chain.queues.send(body);
        AtomicInteger receives = new AtomicInteger();

        await().until(() -> {
            chain.sqs.receiveMessage(r -> r.queueUrl(chain.queues.queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(0)).messages()
                    .stream().filter(m -> m.body().equals(body)).forEach(m -> receives.incrementAndGet());
            return chain.management().getDeadLetterQueueDepth() > 0 && Queues.pending(chain.sqs, chain.queues.queueUrl)
                    == 0;
        });

        assertThat(receives).hasValue(2);
        assertThat(chain.management().redriveDeadLetters(10)).isPositive();
        assertThat(chain.queues.awaitMessages(m -> m.body().equals(body), 1)).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes())
                        .doesNotContainKeys(DeadLetterSender.FAILURE_ATTRIBUTES.toArray(String[]::new)));
    }
}
