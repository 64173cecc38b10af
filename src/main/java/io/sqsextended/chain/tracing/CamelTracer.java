package io.sqsextended.chain.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.telemetry.Op;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanStorageManager;
import org.apache.camel.telemetry.SpanStorageManagerExchange;
import org.apache.camel.telemetry.TraceProcessorsInterceptStrategy;

/**
 * Camel's OpenTelemetry tracer, minus what it would do for nothing: an exchange's first span (a message's receive)
 * the sampler drops is not made, the sampler being asked before ({@link ReceiveSampling}), and under a span the sampler
 * dropped it starts no span (each would be dropped too: a child follows its parent's decision). A trace not sampled
 * costs an exchange its {@code traceparent} header and a marker on Camel's stack of spans, not spans with their
 * attributes, decorators and propagation per endpoint. It wraps no processor, as it traces none
 * ({@code traceProcessors} stays off).
 */
final class CamelTracer extends OpenTelemetryTracer {

    // the same exchange property as the tracer's own storage (camel-telemetry's tracing.activeSpan)
    private static final SpanStorageManager SPANS = new SpanStorageManagerExchange();

    private final ReceiveSampling sampling;

    CamelTracer(ReceiveSampling sampling) {
        this.sampling = sampling;
    }

    @Override
    protected void doInit() {
        super.doInit();
        getCamelContext().getCamelContextExtension().getInterceptStrategies()
                .removeIf(TraceProcessorsInterceptStrategy.class::isInstance);
    }

    @Override
    protected void beginEventSpan(Exchange exchange, Endpoint endpoint, Op op) throws Exception {
        Span parent = SPANS.peek(exchange);
        if (parent == null) {
            beginFirstSpan(exchange, endpoint, op);
        } else if (parent == Skipped.SPAN || notSampled(exchange)) {
            SPANS.push(exchange, Skipped.SPAN);
        } else {
            super.beginEventSpan(exchange, endpoint, op);
        }
    }

    /**
     * Dropped: its context in the header, as Camel's tracer would have put the span's, and a marker on the stack. Kept:
     * made by Camel's tracer, with the trace id and decision taken here.
     */
    private void beginFirstSpan(Exchange exchange, Endpoint endpoint, Op op) throws Exception {
        Context incoming = SqsSpanDecorator.incoming(exchange).flatMap(PayloadTrace::extract).orElse(Context.root());
        SpanContext dropped = sampling.droppedOrHeld(incoming);
        if (dropped != null) {
            exchange.getIn().setHeader(TraceContext.TRACEPARENT, PayloadTrace.traceparent(dropped));
            SPANS.push(exchange, Skipped.SPAN);
            return;
        }
        try {
            super.beginEventSpan(exchange, endpoint, op);
        } finally {
            sampling.release();
        }
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
        return PayloadTrace.notSampled(exchange.getIn().getHeader(TraceContext.TRACEPARENT, String.class));
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
