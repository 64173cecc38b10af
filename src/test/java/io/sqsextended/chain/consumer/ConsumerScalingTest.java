package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.config.ChainKeys;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer with its defaults keeps tens of payloads in flight at once (workers sized for waiting), receives no more
 * than its gate allows while the downstream stalls, and renews the visibility of every message it holds, those still
 * waiting for a worker included.
 */
class ConsumerScalingTest {

    static final String URI = "direct:test-slow";

    /** Bodies as they entered the downstream, one entry per call. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Every call waits until this opens, or for {@link #callMillis}. */
    final CountDownLatch stalled = new CountDownLatch(1);
    volatile long callMillis = TimeUnit.MINUTES.toMillis(2);

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().downstream(URI).startInTest()
            .afterStart(c -> RouteBuilder.addRoutes(c.context(), routes -> routes.from(URI).routeId("test-slow")
                    .routeConfigurationId(ConsumerErrorHandling.ID).process(exchange -> {
                        calls.add(exchange.getMessage().getBody(String.class));
                        stalled.await(callMillis, TimeUnit.MILLISECONDS);
                    })));

    @AfterEach
    void releaseStalledCalls() {
        stalled.countDown();
    }

    @Test
    void withItsDefaultsTheConsumerProcessesTensOfPayloadsAtOnce() throws Exception {
        start(Map.of());
        sendMany(60);

        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= 30);
    }

    @Test
    void aStalledDownstreamDoesNotMakeTheConsumerReceiveWithoutBound() throws Exception {
        start(Map.of());
        int concurrency = Integer.parseInt(ChainKeys.CONCURRENCY.defaultValue());
        // the gate lets a receive start below 2 x concurrency in flight;
        // a poller per 10 workers, each receive takes at most 10
        int bound = 2 * concurrency - 1 + 10 * ((concurrency + 9) / 10);
        sendMany(bound + 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= concurrency);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> inFlight() <= bound);
        assertThat(inFlight()).as("messages received").isGreaterThanOrEqualTo(concurrency);
    }

    @Test
    void messagesWaitingForAWorkerLongerThanTheVisibilityTimeoutAreNotDeliveredTwice() throws Exception {
        callMillis = 1500;
        try (CapturedLogs logs = CapturedLogs.open("scaling-logs")) {
            // one worker, 2 s of visibility, 1.5 s per call: the fourth message waits 4.5 s for its worker
            start(Map.of(ChainKeys.CONCURRENCY.name(), "1", ConsumerSettings.VISIBILITY_TIMEOUT.name(), "2"));
            List<String> bodies = sendMany(4);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> calls.containsAll(bodies) && chain.queues().pending() == 0);
            assertThat(calls).as("downstream calls").hasSize(4);
            assertThat(logs.count("Skipped duplicate")).as("messages received again").isZero();
        }
    }

    private void start(Map<String, String> properties) throws Exception {
        chain.properties(properties).start();
    }

    private List<String> sendMany(int n) {
        List<String> bodies = IntStream.range(0, n).mapToObj(i -> "slow " + i + " " + UUID.randomUUID()).toList();
        bodies.parallelStream().forEach(chain.queues()::send);
        return bodies;
    }

    /** Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible). */
    private int inFlight() {
        return Integer.parseInt(chain.sqs().getQueueAttributes(r -> r.queueUrl(chain.queues().queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
