package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer receives only while fewer than the limit are processed, and fewer than another limit wait for a
 * redelivery.
 */
class PollGateTest {

    CamelContext context;
    Consumer consumer;
    final PollGate gate = new PollGate(2, 2);

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        consumer = context.getEndpoint("direct:gate").createConsumer(exchange -> { });
        consumer.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aReceiveGoesAheadBelowTheLimitInFlight() {
        gate.admit(new DefaultExchange(context));

        assertThat(gate.begin(consumer, null)).isTrue();
    }

    @Test
    void aReceiveWaitsUntilAnExchangeInFlightIsDone() {
        Exchange first = admitted();
        admitted();

        CompletableFuture<Boolean> receive = CompletableFuture.supplyAsync(() -> gate.begin(consumer, null));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !receive.isDone());
        done(first);

        assertThat(receive).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
    }

    @Test
    void aStoppingConsumerDoesNotWaitBelowTheLimit() {
        admitted();
        admitted();
        CompletableFuture<Boolean> receive = CompletableFuture.supplyAsync(() -> gate.begin(consumer, null));

        consumer.stop();

        assertThat(receive).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(false);
    }

    @Test
    void anExchangeWaitingForItsRedeliveryDoesNotHoldBackAReceive() {
        admitted();
        PollGate.waiting(admitted());

        assertThat(gate.begin(consumer, null)).isTrue();
    }

    @Test
    void aReceiveWaitsWhileTheLimitOfWaitingExchangesIsReached() {
        Exchange waiting = admitted();
        PollGate.waiting(waiting);
        PollGate.waiting(admitted());

        CompletableFuture<Boolean> receive = CompletableFuture.supplyAsync(() -> gate.begin(consumer, null));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !receive.isDone());
        PollGate.redelivering(waiting);

        assertThat(receive).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
    }

    private Exchange admitted() {
        Exchange exchange = new DefaultExchange(context);
        gate.admit(exchange);
        return exchange;
    }

    private static void done(Exchange exchange) {
        for (Synchronization synchronization : exchange.getExchangeExtension().handoverCompletions()) {
            synchronization.onComplete(exchange);
        }
    }
}
