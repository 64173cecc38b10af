package io.sqsextended.chain.tracing;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK as its autoconfigure module makes it from {@code OTEL_*} / {@code otel.*} (exporter, endpoint, sampler,
 * resource), bound in the registry for Camel's tracer and the app's own spans, and shut down (spans flushed) after the
 * routes stopped.
 */
final class OpenTelemetrySetup extends ServiceSupport {

    static final String OPEN_TELEMETRY = "chainOpenTelemetry";
    /** The instrumentation scope of the app's own spans; Camel's are {@code camel}. */
    static final String SCOPE = "io.sqsextended.chain";
    // the app exports traces only (its metrics are Prometheus'); the product's name unless the variables give one;
    // W3C trace context only, the one thing carried across S3 and SQS (no baggage header on every exchange)
    private static final Map<String, String> DEFAULTS = Map.of("otel.service.name", "sqs-extended-chain",
            "otel.metrics.exporter", "none", "otel.logs.exporter", "none", "otel.propagators", "tracecontext");
    private static final Logger LOG = LoggerFactory.getLogger(OpenTelemetrySetup.class);

    private final OpenTelemetrySdk sdk;

    private OpenTelemetrySetup(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    static void install(CamelContext context) {
        ReceiveSampling sampling = new ReceiveSampling();
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> DEFAULTS)
                .addSamplerCustomizer((configured, settings) -> sampling.around(configured))
                .addTracerProviderCustomizer((tracers, settings) -> tracers.setIdGenerator(sampling))
                .disableShutdownHook().build().getOpenTelemetrySdk();
        context.getRegistry().bind(OPEN_TELEMETRY, OpenTelemetry.class, sdk);
        // Camel's tracer takes the one Tracer of the registry
        context.getRegistry().bind("chainCamelTracer", Tracer.class, sdk.getTracer("camel"));
        context.getRegistry().bind("chainPropagators", ContextPropagators.class, sdk.getPropagators());
        SpanExemplars.install(context);
        try {
            context.addService(new OpenTelemetrySetup(sdk), true, true);
        } catch (Exception e) {
            sdk.close();
            throw new IllegalStateException("Cannot install tracing", e);
        }
        new CamelTracer(sampling).init(context);
        LOG.info("Tracing on: spans exported as the OTEL_* settings say");
    }

    @Override
    protected void doStop() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
