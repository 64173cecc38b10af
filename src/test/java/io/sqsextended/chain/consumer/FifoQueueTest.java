package io.sqsextended.chain.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FIFO source queue (its name ends in {@code .fifo}): a failing message holds its group only, ends on the FIFO
 * dead-letter queue, then its group goes on in order. Bodies are {@code <group> <number> <run>}. The order of 20
 * groups under concurrency 64 is {@code it.FifoOrderIT} (reliability tier).
 */
class FifoQueueTest {

    static final String QUEUE = "orders-" + UUID.randomUUID() + ".fifo";
    static Queues fifo;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().recordingDownstream().properties(Map.of(
                    ConsumerSettings.QUEUES.name(), QUEUE,
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "1500"))
            .afterStart(c -> {
                c.downstream().failWhen = subject -> subject.contains("poison");
                fifo = Queues.create(c.sqs(), QUEUE, 5);
                c.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE + "-" + QUEUE);
            });

    @Test
    void aPoisonMessageHoldsOnlyItsGroupEndsOnTheFifoDeadLetterQueueAndItsGroupThenGoesOnInOrder() {
        String run = UUID.randomUUID().toString();
        fifo.sendToGroup(chain.sqs(), "held", "held 0 " + run);
        String poisonId = fifo.sendToGroup(chain.sqs(), "held", "held poison " + run);
        IntStream.range(2, 5).forEach(i -> fifo.sendToGroup(chain.sqs(), "held", "held " + i + " " + run));
        IntStream.range(0, 5).forEach(i -> fifo.sendToGroup(chain.sqs(), "free", "free " + i + " " + run));

        Message deadLetter = fifo.awaitDeadLetter(m -> poisonId.equals(Queues.originalId(m)));
        await().until(() -> chain.downstream().groupOrder("held", run).size() == 4);

        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("failed");
        assertThat(deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("held");
        List<RecordingDownstream.Attempt> attempts = chain.downstream().of(a -> a.text().endsWith(run));
        long lastPoisonAttempt = attempts.stream().filter(a -> a.text().contains("poison"))
                .mapToLong(RecordingDownstream.Attempt::at).max().orElseThrow();
        assertThat(attempts.stream().filter(a -> a.text().startsWith("free ")).mapToLong(a -> a.at()))
                .as("the other group waits for no redelivery").allMatch(at -> at < lastPoisonAttempt);
        assertThat(attempts.stream().filter(a -> a.text().startsWith("held ") && !a.text().contains("poison")
                && !a.text().startsWith("held 0 ")).mapToLong(a -> a.at()))
                .as("its own group waits for the poison message's end").allMatch(at -> at > lastPoisonAttempt);
        assertThat(chain.downstream().groupOrder("held", run)).containsExactly(0, 2, 3, 4);
        assertThat(chain.downstream().groupOrder("free", run)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aFifoMessagesAttributesReachTheDownstreamAsHeadersAsAStandardQueuesDo() {
        String run = UUID.randomUUID().toString();
        chain.sqs().sendMessage(r -> r.queueUrl(fifo.queueUrl).messageBody("attributed 0 " + run)
                .messageGroupId("attributed").messageDeduplicationId(run)
                .messageAttributes(Map.of("tenant", MessageAttributeValue.builder().dataType("String")
                        .stringValue("acme").build())));

        await().until(() -> !chain.downstream().of(a -> a.text().equals("attributed 0 " + run)).isEmpty());

        RecordingDownstream.Attempt attempt = chain.downstream().of(a -> a.text().equals("attributed 0 " + run)).get(0);
        assertThat(attempt.headers()).containsEntry("tenant", "acme")
                .containsEntry("MessageGroupId", "attributed").containsKey("CamelAwsSqsMD5OfBody");
    }
}
