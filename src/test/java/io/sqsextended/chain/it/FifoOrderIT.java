package io.sqsextended.chain.it;

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
import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FIFO source queue under the default concurrency (64): 20 groups of 200 messages, a third offloaded by the AWS
 * Java library, each group delivered strictly in order. About two minutes on a busy 2-core machine: reliability tier.
 */
@Tag("reliability")
class FifoOrderIT {

    static final String QUEUE = "ordered-" + UUID.randomUUID() + ".fifo";
    static final int GROUPS = 20;
    static final int EACH = 200;
    static Queues fifo;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().recordingDownstream()
            .properties(Map.of(ConsumerSettings.QUEUES.name(), QUEUE))
            .afterStart(c -> {
                fifo = Queues.create(c.sqs(), QUEUE, 5);
                c.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE + "-" + QUEUE);
            });

    @Test
    void eachGroupIsDeliveredInOrderUnderConcurrency64With20GroupsOf200AThirdOffloaded() throws Exception {
        String run = UUID.randomUUID().toString();
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(GROUPS);
        try (SqsClient plain = AwsClients.sqs(chain.clientSettings());
                var extended = new AmazonSQSExtendedClient(AwsClients.sqs(chain.clientSettings()),
                        new ExtendedClientConfiguration().withPayloadSupportEnabled(
                                AwsClients.s3(chain.clientSettings()), chain.bucket())
                                .withS3KeyPrefix("offload/").withAlwaysThroughS3(true))) {
            List<Future<?>> sent = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                String group = "g" + g;
                // one sender per group: SQS orders a group by the order of its sends
                sent.add(senders.submit(() -> IntStream.range(0, EACH).forEach(i -> fifo.sendToGroup(i % 3 == 0
                        ? extended : plain, group, group + " " + i + " " + run))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofMinutes(5)).until(() -> IntStream.range(0, GROUPS)
                .map(g -> chain.downstream().groupOrder("g" + g, run).size()).sum() >= GROUPS * EACH);
        System.out.printf("FIFO: %d groups x %d messages (a third offloaded) sent and delivered in %d ms%n", GROUPS,
                EACH, (System.nanoTime() - started) / 1_000_000);
        for (int g = 0; g < GROUPS; g++) {
            assertThat(chain.downstream().groupOrder("g" + g, run)).as("group g" + g)
                    .containsExactlyElementsOf(IntStream.range(0, EACH).boxed().toList());
        }
        fifo.awaitNothingPending();
    }
}
