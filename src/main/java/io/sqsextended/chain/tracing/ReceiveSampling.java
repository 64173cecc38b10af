package io.sqsextended.chain.tracing;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The configured sampler's decision on an exchange's first span (a message's {@code receive}, a request's), asked
 * before Camel's tracer makes that span: a dropped one is then not made at all ({@link CamelTracer}). A kept one is
 * made next on the same thread with the trace id and the decision taken here, so that the sampler is asked once per
 * span as without this (a rate-limiting sampler counts each span once) and a ratio sampler decides on the id the trace
 * gets. Installed in the SDK as its sampler and its id generator.
 */
final class ReceiveSampling implements Sampler, IdGenerator {

    /** What the sampler is told of the span it decides on before the span exists. */
    private static final String NAME = "receive";
    private static final IdGenerator RANDOM = IdGenerator.random();

    /** A decision to keep, for the span this thread makes next. */
    private record Held(String traceId, SamplingResult result) {
    }

    private final ThreadLocal<Held> held = new ThreadLocal<>();
    private volatile Sampler configured = Sampler.parentBased(Sampler.alwaysOn());

    /** Decides with {@code sampler}, the one the {@code OTEL_*} settings configured. */
    ReceiveSampling around(Sampler sampler) {
        configured = sampler;
        return this;
    }

    /**
     * The sampler's decision on a first span under {@code parentContext} (one without a span: a new trace). Dropped:
     * the context the exchange carries instead of the span (the parent's ids, else new ones; not sampled). Kept: null,
     * and the decision is held for the span this thread makes next, until {@link #release()}.
     */
    SpanContext droppedOrHeld(Context parentContext) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        boolean root = !parent.isValid();
        String traceId = root ? RANDOM.generateTraceId() : parent.getTraceId();
        SamplingResult result = configured.shouldSample(parentContext, traceId, NAME, SpanKind.CONSUMER,
                Attributes.empty(), List.of());
        if (result.getDecision() == SamplingDecision.DROP) {
            return SpanContext.create(traceId, root ? RANDOM.generateSpanId() : parent.getSpanId(),
                    TraceFlags.getDefault(), root ? TraceState.getDefault() : parent.getTraceState());
        }
        held.set(new Held(traceId, result));
        return null;
    }

    /** Forgets a held decision the span did not take (its start failed). */
    void release() {
        held.remove();
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        Held decided = held.get();
        if (decided != null && decided.traceId().equals(traceId)) {
            held.remove();
            return decided.result();
        }
        return configured.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String generateTraceId() {
        Held decided = held.get();
        return decided != null ? decided.traceId() : RANDOM.generateTraceId();
    }

    @Override
    public String generateSpanId() {
        return RANDOM.generateSpanId();
    }

    @Override
    public String getDescription() {
        return configured.getDescription();
    }

    @Override
    public String toString() {
        return getDescription();
    }
}
