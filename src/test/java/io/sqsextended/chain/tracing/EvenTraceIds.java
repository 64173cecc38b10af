package io.sqsextended.chain.tracing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * A sampler for the tests ({@code otel.traces.sampler=chaintest-even-trace-ids}): a new trace is kept when its id ends
 * in an even digit, as a ratio sampler decides on the id; a child follows its parent. It records every decision on a
 * new trace.
 */
public final class EvenTraceIds implements ConfigurableSamplerProvider {

    public static final String NAME = "chaintest-even-trace-ids";

    /** A decision on a new trace. */
    public record Root(String traceId, String name, boolean kept) {
    }

    private static final List<Root> ROOTS = new CopyOnWriteArrayList<>();

    /** The decisions on new traces so far. */
    public static List<Root> roots() {
        return List.copyOf(ROOTS);
    }

    static boolean kept(String traceId) {
        return Character.digit(traceId.charAt(traceId.length() - 1), 16) % 2 == 0;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Sampler createSampler(ConfigProperties config) {
        return Sampler.parentBased(new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                    Attributes attributes, List<LinkData> links) {
                boolean kept = kept(traceId);
                if (!Span.fromContext(parent).getSpanContext().isValid()) {
                    ROOTS.add(new Root(traceId, name, kept));
                }
                return kept ? SamplingResult.recordAndSample() : SamplingResult.drop();
            }

            @Override
            public String getDescription() {
                return NAME;
            }
        });
    }
}
