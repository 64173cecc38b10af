package io.sqsextended.chain.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The W3C trace context an exchange carries: Camel's tracer writes the {@code traceparent} of the span it started into
 * the message headers. Read only while tracing is on: with it off, such a header is the caller's, not one of ours.
 */
public final class TraceContext {

    /** The W3C header, and the name under which the trace context travels in S3 metadata and SQS attributes. */
    public static final String TRACEPARENT = "traceparent";

    private TraceContext() {
    }

    public static boolean isOn(CamelContext context) {
        return context.getRegistry().lookupByName(OpenTelemetrySetup.OPEN_TELEMETRY) != null;
    }

    /** The {@code traceparent} of the exchange's current span, when tracing is on. */
    public static Optional<String> traceparent(Exchange exchange) {
        if (!isOn(exchange.getContext())) {
            return Optional.empty();
        }
        return Optional.ofNullable(exchange.getMessage().getHeader(TRACEPARENT, String.class));
    }

    /** {@code metadata} with the exchange's trace context added (a copy), or as it is when there is none. */
    public static Map<String, String> withTraceparent(Map<String, String> metadata, Exchange exchange) {
        return traceparent(exchange).map(traceparent -> {
            Map<String, String> traced = new LinkedHashMap<>(metadata);
            traced.put(TRACEPARENT, traceparent);
            return traced;
        }).orElse(metadata);
    }
}
