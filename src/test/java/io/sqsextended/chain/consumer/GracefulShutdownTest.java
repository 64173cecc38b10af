package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.wire.AwsClients;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop lets the payload in the downstream finish; its message is then deleted, not handed out again. With nothing
 * in flight it does not wait for the long poll under way.
 */
class GracefulShutdownTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().startInTest();

    @Test
    void aPayloadInTheDownstreamWhenTheAppStopsFinishesAndItsMessageIsDeleted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        chain.properties(Map.of(ConsumerSettings.DOWNSTREAM_URI.name(), "direct:test-slow",
                "camel.main.shutdown-timeout", "60"))
                .start();
        RouteBuilder.addRoutes(chain.context(), routes -> routes.from("direct:test-slow")
                .routeConfigurationId(ConsumerErrorHandling.ID)
                .process(exchange -> {
                    entered.countDown();
                    finished.set(release.await(60, TimeUnit.SECONDS));
                }));
        chain.queues().send("in flight at the stop");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(chain::stop);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !stopping.isDone());
        release.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        assertThat(finished).isTrue();
        ChainApp again = chain.startAnother(chain.dataDir(), consumerOff -> consumerOff);
        try (SqsClient sqs = AwsClients.sqs(again.clientSettings())) {
            assertThat(Queues.of(again, sqs).pending()).isZero();
        }
    }

    @Test
    void aStopWithNothingInFlightDoesNotWaitForTheLongPollUnderWay() throws Exception {
        chain.properties(Map.of(ConsumerSettings.WAIT_TIME_SECONDS.name(), "20", "camel.main.shutdown-timeout", "30"))
                .start();
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) chain.context().getRoute(ConsumerRoutes.CONSUME_ROUTE)
                .getConsumer();
        // the queue is empty once the start's s3:TestEvent is consumed: the receive under way then waits its 20 s
        await().atMost(Duration.ofSeconds(20)).until(() -> chain.queues().pending() == 0 && consumer.isPolling());

        long started = System.nanoTime();
        chain.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
