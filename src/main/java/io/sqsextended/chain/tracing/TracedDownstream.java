package io.sqsextended.chain.tracing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

import static io.sqsextended.chain.tracing.PayloadTrace.ATTEMPT;
import static io.sqsextended.chain.tracing.PayloadTrace.CAMEL_SPANS;
import static io.sqsextended.chain.tracing.PayloadTrace.DELIVER_SPAN;
import static io.sqsextended.chain.tracing.PayloadTrace.KEY;
import static io.sqsextended.chain.tracing.PayloadTrace.METADATA_TRACEPARENT;
import static io.sqsextended.chain.tracing.PayloadTrace.current;
import static io.sqsextended.chain.tracing.PayloadTrace.dropped;
import static io.sqsextended.chain.tracing.PayloadTrace.extract;
import static io.sqsextended.chain.tracing.PayloadTrace.traceparent;

/**
 * The downstream call in a {@code deliver} span of the payload's trace ({@link PayloadTrace#aroundDownstream}): on the
 * first attempt the {@code claim} and {@code resolve} spans too, once the GET told the payload's trace.
 */
final class TracedDownstream extends AsyncProcessorSupport {

    private final Tracer tracer;
    private final AsyncProcessor downstream;

    TracedDownstream(Tracer tracer, AsyncProcessor downstream) {
        this.tracer = tracer;
        this.downstream = downstream;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Span span = start(exchange);
        // under a dropped trace Camel's stack stays: its tracer starts no span under it (CamelTracer)
        Object camelSpans = span.isRecording() ? exchange.removeProperty(CAMEL_SPANS) : null;
        String camelTraceparent = exchange.getIn().getHeader(TraceContext.TRACEPARENT, String.class);
        exchange.getIn().setHeader(TraceContext.TRACEPARENT, traceparent(span.getSpanContext()));
        AtomicBoolean ended = new AtomicBoolean();
        // Camel's spans back before anyone else sees the exchange: its route policy ends them
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                if (camelSpans != null) {
                    exchange.setProperty(CAMEL_SPANS, camelSpans);
                }
                exchange.getIn().setHeader(TraceContext.TRACEPARENT, camelTraceparent);
                // failed, or dead-lettered by the downstream route's own error handler
                Throwable failure = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.toString());
                }
                span.end();
            }
        };
        try (LogIds ids = LogIds.of(span)) {
            return downstream.process(exchange, doneSync -> {
                end.run();
                callback.done(doneSync);
            });
        } catch (RuntimeException e) {
            exchange.setException(e);
            end.run();
            callback.done(true);
            return true;
        }
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(downstream);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(downstream);
    }

    /** The attempt's span; on the first, the claim and resolve spans of the payload's trace too. */
    private Span start(Exchange exchange) {
        PayloadMarks marks = PayloadMarks.of(exchange);
        Context parent = marks == null ? null : marks.trace;
        String key = exchange.getIn().getHeader(PayloadHeaders.KEY, String.class);
        if (parent == null) {
            Context received = current(exchange);
            parent = extract(exchange.getIn().getHeader(METADATA_TRACEPARENT, String.class)).orElse(received);
            TraceLinks.payload(exchange, parent);
            if (marks != null) {
                marks.trace = parent;
                if (marks.resolveStarted != null && !dropped(parent)) {
                    ended("claim", parent, received, key, marks.deliveryStarted, marks.resolveStarted);
                    ended("resolve", parent, received, key, marks.resolveStarted, Instant.now());
                }
            }
        }
        if (dropped(parent)) {
            // a span under a dropped parent is dropped too: the parent's context stands for it (header, log ids)
            Span standIn = Span.fromContext(parent);
            exchange.setProperty(DELIVER_SPAN, standIn);
            return standIn;
        }
        int attempt = 1 + exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Span span = tracer.spanBuilder("deliver").setParent(parent).startSpan();
        exchange.setProperty(DELIVER_SPAN, span);
        span.setAttribute(ATTEMPT, (long) attempt);
        if (key != null) {
            span.setAttribute(KEY, key);
        }
        if (attempt > 1) {
            span.addEvent("redelivery");
        }
        return span;
    }

    private void ended(String name, Context parent, Context received, String key, Instant start, Instant end) {
        SpanBuilder builder = tracer.spanBuilder(name).setParent(parent).setStartTimestamp(start);
        SpanContext receivedSpan = Span.fromContext(received).getSpanContext();
        if (!receivedSpan.equals(Span.fromContext(parent).getSpanContext())) {
            // the message's receive, in a trace of its own when the payload's came from the object
            builder.addLink(receivedSpan);
        }
        Span span = builder.startSpan();
        if (key != null) {
            span.setAttribute(KEY, key);
        }
        span.end(end);
    }
}
