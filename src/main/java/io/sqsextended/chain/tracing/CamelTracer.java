package io.sqsextended.chain.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.TraceFlags;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.telemetry.Op;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanStorageManager;
import org.apache.camel.telemetry.SpanStorageManagerExchange;
import org.apache.camel.telemetry.TraceProcessorsInterceptStrategy;

/**
 * Camel's OpenTelemetry tracer, minus what it would do for nothing: under a span the sampler dropped it starts no span
 * (each would be dropped too: a child follows its parent's decision), so that a trace not sampled costs an exchange a
 * marker on Camel's stack of spans, not a span with its attributes, baggage and propagation per endpoint; and it wraps
 * no processor, as it traces none ({@code traceProcessors} stays off).
 */
final class CamelTracer extends OpenTelemetryTracer {

    // the same exchange property as the tracer's own storage (camel-telemetry's tracing.activeSpan)
    private static final SpanStorageManager SPANS = new SpanStorageManagerExchange();
    /** {@code 00-<trace id>-<span id>-<flags>}: the flags are the last two hex digits. */
    private static final int TRACEPARENT_LENGTH = 55;

    @Override
    protected void doInit() {
        super.doInit();
        getCamelContext().getCamelContextExtension().getInterceptStrategies()
                .removeIf(TraceProcessorsInterceptStrategy.class::isInstance);
    }

    @Override
    protected void beginEventSpan(Exchange exchange, Endpoint endpoint, Op op) throws Exception {
        Span parent = SPANS.peek(exchange);
        if (parent == Skipped.SPAN || parent != null && notSampled(exchange)) {
            SPANS.push(exchange, Skipped.SPAN);
            return;
        }
        super.beginEventSpan(exchange, endpoint, op);
    }

    @Override
    protected void endEventSpan(Exchange exchange, Endpoint endpoint) throws Exception {
        if (SPANS.peek(exchange) == Skipped.SPAN) {
            SPANS.pull(exchange);
            return;
        }
        super.endEventSpan(exchange, endpoint);
    }

    /** The tracer injects each span it starts into the headers: the parent's, or a sibling's of the same trace. */
    private static boolean notSampled(Exchange exchange) {
        return exchange.getIn().getHeader(TraceContext.TRACEPARENT) instanceof String traceparent
                && traceparent.length() >= TRACEPARENT_LENGTH
                && !TraceFlags.fromHex(traceparent, traceparent.length() - 2).isSampled();
    }

    /** Stands on Camel's stack of spans for a span not started, so that its end finds it. */
    private enum Skipped implements Span {
        SPAN;

        @Override
        public void log(Map<String, String> fields) {
        }

        @Override
        public void setComponent(String component) {
        }

        @Override
        public void setError(boolean isError) {
        }

        @Override
        public void setTag(String key, String value) {
        }
    }
}
