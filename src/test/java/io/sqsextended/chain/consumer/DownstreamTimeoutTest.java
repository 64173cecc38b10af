package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream call that never answers (one that ignores interrupts, as a blocked socket read does) fails at
 * {@code chain.consumer.downstream-timeout} (1 s here): the only worker is free again at once, and after its
 * redelivery the message goes to the dead-letter queue with the reason {@code timeout}.
 */
class DownstreamTimeoutTest {

    static final String URI = "direct:test-hanging";

    /** Bodies as they entered the downstream, one entry per call. */
    static final List<String> calls = new CopyOnWriteArrayList<>();
    static final List<String> interrupted = new CopyOnWriteArrayList<>();
    /** Calls of bodies starting with "hang " block until their latch opens. */
    static final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().properties(Map.of(
                    ConsumerSettings.DOWNSTREAM_URI.name(), URI,
                    ChainKeys.CONCURRENCY.name(), "1",
                    ConsumerSettings.DOWNSTREAM_TIMEOUT.name(), "1s",
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "200"))
            .afterStart(c -> RouteBuilder.addRoutes(c.context(), routes -> routes.from(URI).routeId("test-hanging")
                    .routeConfigurationId(ConsumerErrorHandling.ID).process(DownstreamTimeoutTest::call)));

    @AfterEach
    void releaseHungCalls() {
        hanging.values().forEach(CountDownLatch::countDown);
    }

    @Test
    void aHungDownstreamCallFreesTheOnlyWorkerAtTheTimeout() {
        String hung = "hang " + UUID.randomUUID();
        String good = "good " + UUID.randomUUID();
        hanging.put(hung, new CountDownLatch(1));

        chain.queues().send(hung);
        await().until(() -> calls.contains(hung));
        chain.queues().send(good);

        await().atMost(Duration.ofSeconds(20)).until(() -> calls.contains(good));
        assertThat(hanging.get(hung).getCount()).as("the hung call still blocks").isEqualTo(1);
        assertThat(interrupted).as("calls interrupted at their timeout").contains(hung);
    }

    @Test
    void aPayloadWhoseDownstreamNeverAnswersEndsOnTheDeadLetterQueueWithReasonTimeout() {
        String hung = "hang " + UUID.randomUUID();
        hanging.put(hung, new CountDownLatch(1));

        String messageId = chain.queues().send(hung);

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(deadLetter.body()).isEqualTo(hung);
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("timeout");
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_CLASS))
                .isEqualTo(ExchangeTimedOutException.class.getName());
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("2");
        assertThat(calls.stream().filter(hung::equals)).as("calls of the hung payload").hasSize(2);
    }

    @Test
    void callsLeftBehindThatEndLateChangeNothing() {
        String hung = "hang " + UUID.randomUUID();
        hanging.put(hung, new CountDownLatch(1));
        String messageId = chain.queues().send(hung);
        chain.queues().awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));

        hanging.get(hung).countDown();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                chain.queues().deadLetters(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)))
                        .size() == 1
                        && calls.stream().filter(hung::equals).count() == 2 && chain.queues().pending() == 0);
    }

    private static void call(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        calls.add(body);
        CountDownLatch latch = hanging.get(body);
        if (latch == null) {
            return;
        }
        while (true) {
            try {
                if (latch.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                interrupted.add(body);
            }
        }
    }
}
