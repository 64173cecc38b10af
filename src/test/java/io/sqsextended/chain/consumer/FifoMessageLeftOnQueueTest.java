package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FIFO message whose dead letter cannot be sent stays on the queue; the messages of its group behind it are not
 * processed before it comes back and is delivered.
 */
class FifoMessageLeftOnQueueTest {

    static final String QUEUE = "left-" + UUID.randomUUID() + ".fifo";

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().recordingDownstream().properties(Map.of(
                    ConsumerSettings.QUEUES.name(), QUEUE,
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "0",
                    // the message left on the queue comes back soon
                    ConsumerSettings.VISIBILITY_TIMEOUT.name(), "2"))
            .afterStart(c -> AdviceWith.adviceWith(c.context(), ConsumerRoutes.DEAD_LETTER_ROUTE,
                    route -> route.weaveAddFirst().throwException(
                            new IllegalStateException("dead-letter queue unavailable"))));

    @Test
    void theMessagesOfItsGroupBehindAMessageLeftOnTheQueueAreDeliveredAfterItInOrder() throws Exception {
        Queues fifo = Queues.create(chain.sqs(), QUEUE, 5);
        String run = UUID.randomUUID().toString();
        String first = "first " + run;
        chain.downstream().failWhen = first::equals;
        for (String body : List.of(first, "second " + run, "third " + run)) {
            fifo.sendToGroup(chain.sqs(), "g", body);
        }
        chain.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE + "-" + QUEUE);

        await().atMost(Duration.ofSeconds(30)).until(() -> !chain.downstream().failures().isEmpty());
        chain.downstream().failWhen = subject -> false;
        await().atMost(Duration.ofSeconds(60)).until(() -> chain.downstream().deliveries().size() == 3);

        assertThat(chain.downstream().attempts().stream().map(RecordingDownstream.Attempt::text).toList())
                .containsExactly(first, first, "second " + run, "third " + run);
        fifo.awaitNothingPending();
    }
}
