package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FIFO source queue (its name ends in {@code .fifo}): within a message group strictly in order, one at a time;
 * groups in parallel; a failing message holds its group only. Bodies are {@code <group> <number> <run>}.
 */
class FifoQueueTest {

    static final String QUEUE = "orders-" + UUID.randomUUID() + ".fifo";
    static final long REDELIVERY_DELAY = 1500;
    static Queues fifo;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().recordingDownstream().properties(Map.of(
                    ConsumerSettings.QUEUES.name(), QUEUE,
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), String.valueOf(REDELIVERY_DELAY)))
            .afterStart(c -> {
                c.downstream().failWhen = subject -> subject.contains("poison");
                fifo = Queues.create(c.sqs(), QUEUE, 5);
                c.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE + "-" + QUEUE);
            });

    @Test
    @Tag("reliability")
    void eachGroupIsDeliveredInOrderUnderConcurrency64With20GroupsOf200AThirdOffloaded() throws Exception {
        String run = UUID.randomUUID().toString();
        int groups = 20;
        int each = 200;
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(groups);
        try (SqsClient plain = AwsClients.sqs(chain.clientSettings());
                var extended = new AmazonSQSExtendedClient(AwsClients.sqs(chain.clientSettings()),
                        new ExtendedClientConfiguration().withPayloadSupportEnabled(
                                AwsClients.s3(chain.clientSettings()), chain.bucket())
                                .withS3KeyPrefix("offload/").withAlwaysThroughS3(true))) {
            List<Future<?>> sent = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                String group = "g" + g;
                sent.add(senders.submit(() -> IntStream.range(0, each).forEach(i -> send(i % 3 == 0
                        ? extended : plain, group, group + " " + i + " " + run))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofMinutes(5)).until(() -> ofRun(run).size() >= groups * each);
        System.out.printf("FIFO: %d groups x %d messages (a third offloaded) sent and delivered in %d ms%n", groups,
                each, (System.nanoTime() - started) / 1_000_000);
        for (int g = 0; g < groups; g++) {
            String group = "g" + g;
            assertThat(numbers(ofRun(run), group)).as("group " + group)
                    .containsExactlyElementsOf(IntStream.range(0, each).boxed().toList());
        }
        fifo.awaitNothingPending();
    }

    @Test
    void aPoisonMessageHoldsOnlyItsGroupEndsOnTheFifoDeadLetterQueueAndItsGroupThenGoesOnInOrder() {
        String run = UUID.randomUUID().toString();
        send(chain.sqs(), "held", "held 0 " + run);
        String poisonId = send(chain.sqs(), "held", "held poison " + run);
        IntStream.range(2, 5).forEach(i -> send(chain.sqs(), "held", "held " + i + " " + run));
        IntStream.range(0, 5).forEach(i -> send(chain.sqs(), "free", "free " + i + " " + run));

        Message deadLetter = fifo.awaitDeadLetter(m -> poisonId.equals(Queues.originalId(m)));
        await().until(() -> numbers(ofRun(run), "held").size() == 4);

        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("failed");
        assertThat(deadLetter.attributes().get(
                software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo("held");
        List<RecordingDownstream.Attempt> attempts = chain.downstream().of(a -> a.text().endsWith(run));
        long lastPoisonAttempt = attempts.stream().filter(a -> a.text().contains("poison"))
                .mapToLong(RecordingDownstream.Attempt::at).max().orElseThrow();
        assertThat(attempts.stream().filter(a -> a.text().startsWith("free ")).mapToLong(a -> a.at()))
                .as("the other group waits for no redelivery").allMatch(at -> at < lastPoisonAttempt);
        assertThat(attempts.stream().filter(a -> a.text().startsWith("held ") && !a.text().contains("poison")
                && !a.text().startsWith("held 0 ")).mapToLong(a -> a.at()))
                .as("its own group waits for the poison message's end").allMatch(at -> at > lastPoisonAttempt);
        assertThat(numbers(ofRun(run), "held")).containsExactly(0, 2, 3, 4);
        assertThat(numbers(ofRun(run), "free")).containsExactly(0, 1, 2, 3, 4);
    }

    private static String send(SqsClient sqs, String group, String body) {
        return sqs.sendMessage(r -> r.queueUrl(fifo.queueUrl).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(UUID.randomUUID().toString())).messageId();
    }

    /** The successful deliveries of a run, in the order the downstream took them. */
    private static List<String> ofRun(String run) {
        return chain.downstream().deliveries().stream().map(RecordingDownstream.Attempt::text)
                .filter(text -> text.endsWith(" " + run)).toList();
    }

    /** The numbers of a group's deliveries, in order. */
    private static List<Integer> numbers(List<String> bodies, String group) {
        return bodies.stream().filter(body -> body.startsWith(group + " "))
                .map(body -> Integer.parseInt(body.split(" ")[1])).toList();
    }
}
