package io.sqsextended.chain.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.sqsextended.chain.testkit.ChainExtension;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an exporter configured nothing of tracing is installed: no SDK, no Camel tracer on the routes. */
class TracingOffTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    @Test
    void withoutAnExporterNoTracerIsInstalled() {
        assertThat(chain.context().hasService(Tracer.class)).isNull();
        assertThat(chain.context().getRegistry().findByType(OpenTelemetry.class)).isEmpty();
        assertThat(chain.context().getRoutePolicyFactories()).noneMatch(Tracer.class::isInstance);
    }
}
