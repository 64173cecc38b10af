package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the dead-letter queue cannot be written, the source message stays on the queue: nothing is lost. */
class DeadLetterFailureTest {

    static final String VISIBILITY_PARAMETER = ChainKeys.LOCAL_PARAMETERS.name() + "VisibilityTimeout";
    // SQS hands the message out again soon after it was left on the queue. A system property: local mode reads
    // template parameters before ChainApp's override properties can be listed
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream()
            .systemProperty(VISIBILITY_PARAMETER, "2")
            .property(ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "0")
            .afterStart(c -> AdviceWith.adviceWith(c.context(), ConsumerRoutes.DEAD_LETTER_ROUTE,
                    route -> route.weaveAddFirst().throwException(
                            new IllegalStateException("dead-letter queue unavailable"))));

    @Test
    void aMessageWhoseDeadLetterCannotBeSentStaysOnTheQueueAndComesBack() {
        Queues queues = Queues.of(chain.running(), chain.sqs());
        String body = "poison " + UUID.randomUUID();
        chain.downstream().failWhen = body::equals;

        String messageId = queues.send(body);

        // ElasticMQ hands a message out again only when a long poll (20 s) starts, not while one waits
        await().atMost(Duration.ofSeconds(60))
                .until(() -> chain.downstream().of(d -> messageId.equals(d.messageId())).size() >= 2);
        chain.downstream().failWhen = subject -> false;
        await().atMost(Duration.ofSeconds(60)).until(() -> queues.pending() == 0);
        assertThat(chain.downstream().of(d -> messageId.equals(d.messageId()))).hasSizeGreaterThanOrEqualTo(3);
    }
}
