package io.sqsextended.chain.tracing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorConverterHelper;

/**
 * The consumer's own spans of a payload, in the payload's trace: the one the producer signed into the object's
 * metadata ({@code traceparent}, read from the GET's headers), else the message's (Camel's receive span continued its
 * attribute). Spans whose parent is known only after the GET ({@code claim}, {@code resolve}) are made then, with the
 * times marked before. Each method gives back what it wraps when tracing is off.
 */
public final class PayloadTrace {

    static final AttributeKey<String> KEY = AttributeKey.stringKey("sqsextended.payload.key");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("sqsextended.dead_letter.reason");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("sqsextended.attempt");
    /** The attempt's {@code deliver} span, shared with the downstream's copy of the exchange. */
    static final String DELIVER_SPAN = "ChainTraceDeliverSpan";
    /** Where Camel's tracer keeps the exchange's spans (camel-telemetry's SpanStorageManagerExchange). */
    static final String CAMEL_SPANS = "tracing.activeSpan";
    static final String METADATA_TRACEPARENT = PayloadHeaders.METADATA_PREFIX + TraceContext.TRACEPARENT;
    /** {@code 00-<trace id>-<span id>-<flags>}. */
    private static final int TRACEPARENT_LENGTH = 55;
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private PayloadTrace() {
    }

    /**
     * {@code select} (which picks the payload), then marks the start of its delivery (the idempotency claim comes
     * first); {@code select} itself when tracing is off. One step, not two: Camel's error handler copies the exchange
     * before every step.
     */
    public static Processor deliveryStarts(CamelContext context, Processor select) {
        return TraceContext.isOn(context) ? exchange -> {
            select.process(exchange);
            PayloadMarks.start(exchange);
        } : select;
    }

    /**
     * Marks the start of the resolve (the GET: the claim ended) at its first attempt, then runs {@code resolve}; that
     * itself when tracing is off.
     */
    public static Processor resolveStarts(CamelContext context, Processor resolve) {
        return TraceContext.isOn(context) ? exchange -> {
            PayloadMarks marks = PayloadMarks.of(exchange);
            if (marks != null && marks.resolveStarted == null) {
                marks.resolveStarted = Instant.now();
            }
            resolve.process(exchange);
        } : resolve;
    }

    /** {@code work} in a span of the exchange's current trace (e.g. the parse of a message). */
    public static <T> T inSpan(Exchange exchange, String name, Supplier<T> work) {
        String traceparent = exchange.getIn().getHeader(TraceContext.TRACEPARENT, String.class);
        Tracer tracer = notSampled(traceparent) ? null : tracer(exchange.getContext());
        if (tracer == null) {
            return work.get();
        }
        Context parent = extract(traceparent).orElse(Context.root());
        Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
        try {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * {@code downstream} in a {@code deliver} span of the payload's trace (a new one when the call itself is
     * redelivered), the parent of Camel's own spans of the downstream route: while it runs, the exchange carries that
     * span as its {@code traceparent} and Camel's stack of spans is set aside.
     */
    public static Processor aroundDownstream(CamelContext context, Processor downstream) {
        Tracer tracer = tracer(context);
        return tracer == null ? downstream
                : new TracedDownstream(tracer, AsyncProcessorConverterHelper.convert(downstream));
    }

    /**
     * A redelivery as an event of the {@code deliver} span under way (the downstream route's own redeliveries happen
     * within it); a redelivery of the call itself starts a new {@code deliver} span, with that event.
     */
    public static void redelivering(Exchange exchange) {
        if (exchange.getProperty(DELIVER_SPAN) instanceof Span span) {
            span.addEvent("redelivery", Attributes.of(ATTEMPT,
                    1L + exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class)));
        }
    }

    /**
     * On a thread the downstream call moved to: the attempt's {@code deliver} span current there and its ids in the
     * log lines (the downstream route's own), until closed; nothing when the exchange has no such span.
     */
    public static Scope onCallingThread(Exchange exchange) {
        if (!(exchange.getProperty(DELIVER_SPAN) instanceof Span span)) {
            return Scope.noop();
        }
        Scope current = span.makeCurrent();
        LogIds ids = LogIds.of(span);
        return () -> {
            ids.close();
            current.close();
        };
    }

    /** {@code sender} in a {@code dead letter} span of the payload's trace, with the reason and an error status. */
    public static Processor aroundDeadLetter(CamelContext context, Processor sender,
            Function<Throwable, String> reason) {
        Tracer tracer = tracer(context);
        if (tracer == null) {
            return sender;
        }
        return exchange -> {
            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            Span span = tracer.spanBuilder("dead letter").setParent(payload(exchange)).startSpan();
            span.setAttribute(REASON, reason.apply(cause));
            span.setStatus(StatusCode.ERROR, cause == null ? "dead-lettered" : cause.toString());
            // the dead-letter message carries this span, so that a redrive continues the trace
            exchange.getIn().setHeader(TraceContext.TRACEPARENT, traceparent(span.getSpanContext()));
            try (LogIds ids = LogIds.of(span)) {
                sender.process(exchange);
            } finally {
                span.end();
            }
        };
    }

    static Tracer tracer(CamelContext context) {
        OpenTelemetry openTelemetry = context.getRegistry().lookupByNameAndType(OpenTelemetrySetup.OPEN_TELEMETRY,
                OpenTelemetry.class);
        return openTelemetry == null ? null : openTelemetry.getTracer(OpenTelemetrySetup.SCOPE);
    }

    /** The payload's trace once its deliver began, else the exchange's current span (Camel's). */
    private static Context payload(Exchange exchange) {
        PayloadMarks marks = PayloadMarks.of(exchange);
        return marks != null && marks.trace != null ? marks.trace : current(exchange);
    }

    /** Camel's tracer writes the span it started last into the exchange's {@code traceparent} header. */
    static Context current(Exchange exchange) {
        return extract(exchange.getIn().getHeader(TraceContext.TRACEPARENT, String.class)).orElse(Context.root());
    }

    /**
     * A context whose sampled flag is off: the sampler (parent-based, the SDK's default) would drop any span under it,
     * so none is started. A context without a span leaves the decision to the sampler.
     */
    static boolean dropped(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() && !span.isSampled();
    }

    /** A {@code traceparent} whose sampled flag is off (the flags: its last two hex digits); false without one. */
    static boolean notSampled(String traceparent) {
        return traceparent != null && traceparent.length() >= TRACEPARENT_LENGTH
                && !TraceFlags.fromHex(traceparent, traceparent.length() - 2).isSampled();
    }

    static Optional<Context> extract(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(TraceContext.TRACEPARENT, traceparent), GETTER);
        return Span.fromContext(context).getSpanContext().isValid() ? Optional.of(context)
                : Optional.empty();
    }

    static String traceparent(SpanContext span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
