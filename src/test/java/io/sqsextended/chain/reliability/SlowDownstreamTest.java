package io.sqsextended.chain.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.ConsumerSettings;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import io.sqsextended.chain.testkit.ChainExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream slower than the queue's visibility timeout (2 s; the downstream takes 4 s): the consumer extends the
 * visibility of what it holds, so no payload is handed out a second time while it is processed or waits its turn.
 */
class SlowDownstreamTest {

    static final String VISIBILITY_PARAMETER = ChainKeys.LOCAL_PARAMETERS.name() + "VisibilityTimeout";
    static final int VISIBILITY_TIMEOUT = 2;
    static final Duration DOWNSTREAM = Duration.ofSeconds(4);
    static final String URI = "direct:slow-downstream";
    static final int PAYLOADS = 4;

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    // a system property: local mode reads template parameters before ChainApp's override properties can be listed
    @RegisterExtension
    final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .systemProperty(VISIBILITY_PARAMETER, String.valueOf(VISIBILITY_TIMEOUT))
            .property(ConsumerSettings.DOWNSTREAM_URI.name(), URI).startInTest()
            // synchronous, as a downstream that calls a service or writes a file holds the consumer's thread
            .afterStart(c -> RouteBuilder.addRoutes(c.context(), routes -> routes.from(URI).routeId("slow-downstream")
                    .routeConfigurationId("chain-errors")
                    .process(this::begin)
                    .delay(DOWNSTREAM.toMillis()).syncDelayed()
                    .process(exchange -> exchange.getProperty(Attempt.class.getName(),
                            Attempt.class).end = Instant.now())));

    /** One call of the downstream: the payload, the size of the receive it came in, when it started and ended. */
    static final class Attempt {
        final String key;
        final int receivedWith;
        final String thread = Thread.currentThread().getName();
        final Instant start = Instant.now();
        volatile Instant end;

        Attempt(String key, int receivedWith) {
            this.key = key;
            this.receivedWith = receivedWith;
        }

        @Override
        public String toString() {
            return key.substring(key.lastIndexOf('/') + 1) + " [" + start + " .. " + (end == null ? "running" : end)
                    + ", receive of "
                    + receivedWith + ", " + thread + "]";
        }
    }

    /** The renewals keep a message hidden while its payload is processed: no second consumer takes it meanwhile. */
    @Test
    void aPayloadSlowerThanTheVisibilityTimeoutIsProcessedOnceAndThenDeleted() throws Exception {
        start(Map.of());
        String key = "input/slow/" + UUID.randomUUID() + "/one.txt";

        put(key);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(key) == 1 && chain.queues().pending() == 0);

        assertThat(queueVisibilityTimeout()).as("the queue's VisibilityTimeout, which the consumer takes")
                .isEqualTo(VISIBILITY_TIMEOUT);
        assertThat(attempts).as("downstream attempts").hasSize(1);
        Attempt only = attempts.get(0);
        assertThat(Duration.between(only.start, only.end)).as("time in the downstream")
                .isGreaterThan(Duration.ofSeconds(VISIBILITY_TIMEOUT));
        assertThat(chain.queues().drain()).as("dead letters").isZero();
    }

    /**
     * A receive takes up to 10 messages, handled in turn: those waiting must stay hidden too, or the other poller takes
     * them.
     */
    @Test
    void payloadsWaitingTheirTurnInTheSameReceiveAreNotHandedOutAgain() throws Exception {
        // a backlog: the payloads are on the queue before the consumer starts, so that one receive takes them all
        start(Map.of(ConsumerSettings.ENABLED.name(), "false", ChainKeys.CONCURRENCY.name(), "2"));
        String run = UUID.randomUUID().toString();
        List<String> keys = IntStream.range(0, PAYLOADS).mapToObj(i -> "input/slow/" + run + "/" + i + ".txt").toList();
        int before = visible(); // the s3:TestEvent of a fresh data dir
        keys.forEach(this::put);
        await().atMost(Duration.ofSeconds(10)).until(() -> visible() == before + PAYLOADS);

        chain.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE);
        // until all are done and deleted, or as soon as one payload is in the downstream a second time
        await().atMost(Duration.ofSeconds(45))
                .until(() -> keys.stream().allMatch(key -> finished(key) >= 1) && chain.queues().pending() == 0
                || byKey().values().stream().anyMatch(list -> list.size() > 1));
        System.out.printf("Slow downstream, %d payloads in one receive: %s%n", PAYLOADS, attempts);

        Attempt first = attempts.stream().min(Comparator.comparing(a -> a.start)).orElseThrow();
        assertThat(first.receivedWith).as("messages in the first receive: the s3:TestEvent and every payload")
                .isEqualTo(before + PAYLOADS);
        assertThat(byKey()).as("downstream attempts per payload (start .. end)")
                .allSatisfy((key, list) -> assertThat(list).hasSize(1));
        assertThat(attempts.stream().filter(a -> a.end != null).map(a -> a.key))
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(chain.queues().pending()).as("messages left on the queue").isZero();
        assertThat(chain.queues().drain()).as("dead letters").isZero();
    }

    private void start(Map<String, String> properties) throws Exception {
        chain.properties(properties).start();
    }

    private void begin(Exchange exchange) {
        Attempt attempt = new Attempt(exchange.getMessage().getHeader(PayloadHeaders.KEY, String.class),
                exchange.getProperty(ExchangePropertyKey.BATCH_SIZE, 0, Integer.class));
        exchange.setProperty(Attempt.class.getName(), attempt);
        attempts.add(attempt);
    }

    private void put(String key) {
        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("payload " + key));
    }

    private long finished(String key) {
        return attempts.stream().filter(a -> a.key.equals(key) && a.end != null).count();
    }

    private Map<String, List<Attempt>> byKey() {
        return attempts.stream().collect(Collectors.groupingBy(a -> a.key));
    }

    private int visible() {
        return Integer.parseInt(queueAttribute(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private int queueVisibilityTimeout() {
        return Integer.parseInt(queueAttribute(QueueAttributeName.VISIBILITY_TIMEOUT));
    }

    private String queueAttribute(QueueAttributeName name) {
        return chain.sqs().getQueueAttributes(r -> r.queueUrl(chain.queues().queueUrl).attributeNames(name))
                .attributes().get(name);
    }
}
