package io.sqsextended.chain.tracing;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.camel.CamelContext;

/**
 * Exemplars on the Prometheus metrics: a counter or timer recorded while a sampled span is current on the thread
 * (Camel's spans, a payload's {@code deliver}) keeps that span's trace and span ids, which the OpenMetrics format
 * ({@code Accept: application/openmetrics-text}) writes after the sample. Camel's metrics take the registry bound here.
 */
final class SpanExemplars implements io.prometheus.metrics.tracer.common.SpanContext {

    /** The name under which Camel's metrics look a registry up before making one of their own. */
    static final String METER_REGISTRY = "metricsRegistry";

    private SpanExemplars() {
    }

    static void install(CamelContext context) {
        context.getRegistry().bind(METER_REGISTRY, MeterRegistry.class, new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM, new SpanExemplars()));
    }

    @Override
    public String getCurrentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    @Override
    public String getCurrentSpanId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getSpanId() : null;
    }

    @Override
    public boolean isCurrentSpanSampled() {
        return Span.current().getSpanContext().isSampled();
    }

    /** As Prometheus' own OpenTelemetry binding does: a tail sampler may keep the traces that metrics point at. */
    @Override
    public void markCurrentSpanAsExemplar() {
        Span.current().setAttribute(EXEMPLAR_ATTRIBUTE_NAME, EXEMPLAR_ATTRIBUTE_VALUE);
    }
}
