package io.sqsextended.chain.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.sqsextended.chain.payload.PayloadHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;

import static org.awaitility.Awaitility.await;

/**
 * A downstream route for tests ({@code direct:test-downstream}): records every attempt with its headers and the
 * bytes it read, and fails the payloads whose key (or inline body) {@link #failWhen} matches.
 */
final class Downstream {

    static final String URI = "direct:test-downstream";

    /** One call of the downstream route. */
    record Delivery(String messageId, Map<String, Object> headers, byte[] body, long at) {

        String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }

        String key() {
            return header(PayloadHeaders.KEY);
        }
    }

    final List<Delivery> attempts = new CopyOnWriteArrayList<>();
    volatile Predicate<String> failWhen = subject -> false;

    /** Adds the route (not a RouteBuilder class: Camel Main's package scan would pick that up in every test's app). */
    void addTo(CamelContext context) throws Exception {
        RouteBuilder.addRoutes(context, routes -> routes.from(URI).routeId("test-downstream")
                .routeConfigurationId(ConsumerErrorHandling.ID).process(this::record));
    }

    private void record(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        Delivery delivery = new Delivery(exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ID, String.class),
                Map.copyOf(exchange.getMessage().getHeaders()), body == null ? new byte[0] : body, System.nanoTime());
        attempts.add(delivery);
        String subject = delivery.key() != null ? delivery.key() : new String(delivery.body());
        if (failWhen.test(subject)) {
            throw new IllegalStateException("Downstream refused " + subject);
        }
    }

    List<Delivery> of(Predicate<Delivery> which) {
        return attempts.stream().filter(which).toList();
    }

    List<Delivery> ofKey(String key) {
        return of(d -> key.equals(d.key()));
    }

    /** Waits for the first attempt at {@code key}. */
    Delivery awaitKey(String key) {
        return await().until(() -> ofKey(key), list -> !list.isEmpty()).get(0);
    }
}
