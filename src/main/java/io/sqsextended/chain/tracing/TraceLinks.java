package io.sqsextended.chain.tracing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.apache.camel.Exchange;

/**
 * The spans a span of several messages links to, one message's share: its receive (Camel's span) and the trace of
 * each payload it delivered. Empty when tracing is off.
 */
public final class TraceLinks {

    /** Exchange property: the payloads' trace contexts, added as each payload's delivery begins. */
    private static final String PAYLOADS = "ChainTracePayloads";
    private static final TraceLinks NONE = new TraceLinks(List.of());

    private final List<SpanContext> spans;

    private TraceLinks(List<SpanContext> spans) {
        this.spans = spans;
    }

    /** The exchange's current span, its message's receive when its route begins. */
    public static TraceLinks received(Exchange exchange) {
        return TraceContext.traceparent(exchange).flatMap(PayloadTrace::extract)
                .map(context -> new TraceLinks(List.of(Span.fromContext(context).getSpanContext()))).orElse(NONE);
    }

    /** These and the trace of each payload the exchange delivered. */
    public TraceLinks andPayloads(Exchange exchange) {
        if (!(exchange.getProperty(PAYLOADS) instanceof Set<?> payloads)) {
            return this;
        }
        Set<SpanContext> all = new LinkedHashSet<>(spans);
        payloads.forEach(payload -> all.add((SpanContext) payload));
        return new TraceLinks(List.copyOf(all));
    }

    /** Notes the payload's trace, which a message's span of several payloads links to. */
    static void payload(Exchange exchange, Context payload) {
        @SuppressWarnings("unchecked")
        Set<SpanContext> payloads = exchange.getProperty(PAYLOADS, Set.class);
        if (payloads == null) {
            payloads = new LinkedHashSet<>();
            exchange.setProperty(PAYLOADS, payloads);
        }
        payloads.add(Span.fromContext(payload).getSpanContext());
    }

    /** The spans of several messages' links, each once. */
    static Set<SpanContext> distinct(List<TraceLinks> links) {
        Set<SpanContext> all = new LinkedHashSet<>();
        links.forEach(link -> all.addAll(link.spans));
        return all;
    }
}
