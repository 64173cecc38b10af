package io.sqsextended.chain.reliability;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.sqsextended.chain.payload.PayloadHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;

/**
 * A downstream route for the reliability tests ({@code direct:reliability-downstream}): reads every payload
 * whole (so an S3 failure fails the attempt), records the successful deliveries, optionally holds them at a gate.
 */
final class Recorder {

    static final String URI = "direct:reliability-downstream";

    /** One successful delivery: SQS message id, key (null for inline payloads), the bytes read. */
    record Delivery(String instance, String messageId, String key, byte[] body) {

        String subject() {
            return key != null ? key : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final String instance;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Attempts that failed (the body could not be read, or the gate refused). */
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    volatile Predicate<String> failWhen = subject -> false;

    Recorder(String instance) {
        this.instance = instance;
    }

    /** Adds the route (not a RouteBuilder class: Camel Main's package scan would add it to every app). */
    void addTo(CamelContext context) throws Exception {
        RouteBuilder.addRoutes(context, routes -> routes.from(URI).routeId("reliability-downstream")
                .routeConfigurationId("chain-errors").process(this::record));
    }

    /** Deliveries wait until {@link #open()}. */
    void close() {
        gate.drainPermits();
    }

    void open() {
        gate.release(Integer.MAX_VALUE - gate.availablePermits());
    }

    private void record(Exchange exchange) throws Exception {
        if (!gate.tryAcquire(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate closed for too long");
        }
        gate.release();
        String key = exchange.getMessage().getHeader(PayloadHeaders.KEY, String.class);
        String messageId = exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        byte[] body;
        try {
            body = exchange.getMessage().getBody(byte[].class);
        } catch (RuntimeException e) {
            failures.add(key + ": " + e);
            throw e;
        }
        if (body == null) {
            failures.add(key + ": no body");
            throw new IllegalStateException("No body for " + key);
        }
        Delivery delivery = new Delivery(instance, messageId, key, body);
        if (failWhen.test(delivery.subject())) {
            failures.add(key + ": refused by the test");
            throw new IllegalStateException("Downstream refused " + delivery.subject());
        }
        deliveries.add(delivery);
    }

    Set<String> messageIds() {
        return deliveries.stream().map(Delivery::messageId).collect(Collectors.toSet());
    }

    Set<String> keys() {
        return deliveries.stream().map(Delivery::key).filter(k -> k != null).collect(Collectors.toSet());
    }

    /** Deliveries per key, for the duplicates report. */
    static Map<String, Long> countByKey(List<Delivery> deliveries) {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        deliveries.forEach(d -> counts.merge(d.subject(), 1L, Long::sum));
        return counts;
    }
}
