package io.sqsextended.chain.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.consumer.ConsumerErrorHandling;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;

import static org.awaitility.Awaitility.await;

/**
 * A downstream route for tests ({@link #URI}): reads every payload whole (so an S3 failure fails the attempt), records
 * every attempt with its headers and outcome, fails the payloads
 * {@link #failWhen} matches, and can hold attempts at a gate. A missing body (no payload fetched) is an empty payload.
 */
public final class RecordingDownstream {

    public static final String URI = "direct:recording-downstream";
    public static final String ROUTE_ID = "recording-downstream";

    /** One call of the downstream route; {@code failure} is null for a successful delivery. */
    public record Attempt(String messageId, Map<String, Object> headers, byte[] body, String failure, long at) {

        public String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }

        /** The object key, null for inline payloads. */
        public String key() {
            return header(PayloadHeaders.KEY);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** What {@link #failWhen} is asked about: the key, or the inline body. */
        public String subject() {
            return key() != null ? key() : text();
        }

        public boolean delivered() {
            return failure == null;
        }
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    public volatile Predicate<String> failWhen = subject -> false;

    /** Adds the route (not a RouteBuilder class: Camel Main's package scan would pick that up in every test's app). */
    public void addTo(CamelContext context) throws Exception {
        RouteBuilder.addRoutes(context, routes -> routes.from(URI).routeId(ROUTE_ID)
                .routeConfigurationId(ConsumerErrorHandling.ID).process(this::record));
    }

    /** Attempts wait until {@link #open()}. */
    public void close() {
        gate.drainPermits();
    }

    public void open() {
        gate.release(Integer.MAX_VALUE - gate.availablePermits());
    }

    private void record(Exchange exchange) throws InterruptedException {
        if (!gate.tryAcquire(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate closed for too long");
        }
        gate.release();
        Message message = exchange.getMessage();
        String messageId = message.getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        // a copy that tolerates null values and outlives the exchange
        Map<String, Object> headers = Collections.unmodifiableMap(new HashMap<>(message.getHeaders()));
        byte[] body;
        try {
            body = message.getBody(byte[].class);
        } catch (RuntimeException e) {
            attempts.add(new Attempt(messageId, headers, new byte[0], e.toString(), System.nanoTime()));
            throw e;
        }
        Attempt attempt = new Attempt(messageId, headers, body == null ? new byte[0] : body, null, System.nanoTime());
        if (failWhen.test(attempt.subject())) {
            attempts.add(new Attempt(messageId, headers, attempt.body(), "refused by the test", attempt.at()));
            throw new IllegalStateException("Downstream refused " + attempt.subject());
        }
        attempts.add(attempt);
    }

    /** Every attempt so far, failed or not, in order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public List<Attempt> of(Predicate<Attempt> which) {
        return attempts.stream().filter(which).toList();
    }

    public List<Attempt> ofKey(String key) {
        return of(d -> key.equals(d.key()));
    }

    /** Waits for the first attempt at {@code key}. */
    public Attempt awaitKey(String key) {
        return await().until(() -> ofKey(key), list -> !list.isEmpty()).get(0);
    }

    /** The successful deliveries so far. */
    public List<Attempt> deliveries() {
        return of(Attempt::delivered);
    }

    /** The attempts that failed (the body could not be read, or {@link #failWhen} refused it). */
    public List<Attempt> failures() {
        return of(attempt -> !attempt.delivered());
    }

    /** Message ids of the successful deliveries. */
    public Set<String> messageIds() {
        return deliveries().stream().map(Attempt::messageId).collect(Collectors.toSet());
    }

    /**
     * Of the payloads {@code <group> <number> <run>} delivered, the numbers of one group's, in the order delivered.
     */
    public List<Integer> groupOrder(String group, String run) {
        return deliveries().stream().map(Attempt::text)
                .filter(text -> text.startsWith(group + " ") && text.endsWith(" " + run))
                .map(text -> Integer.parseInt(text.split(" ")[1])).toList();
    }

    /** Keys of the successful deliveries (inline payloads have none). */
    public Set<String> keys() {
        return deliveries().stream().map(Attempt::key).filter(k -> k != null).collect(Collectors.toSet());
    }
}
