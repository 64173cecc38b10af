package io.sqsextended.chain.tracing;

import java.net.http.HttpRequest;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an exporter configured nothing of tracing is installed (no SDK, no Camel tracer on the routes), and a
 * caller's traceparent is not signed into its upload.
 */
class TracingOffTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    @Test
    void withoutAnExporterNoTracerIsInstalled() {
        assertThat(chain.context().hasService(Tracer.class)).isNull();
        assertThat(chain.context().getRegistry().findByType(OpenTelemetry.class)).isEmpty();
        assertThat(chain.context().getRoutePolicyFactories()).noneMatch(Tracer.class::isInstance);
    }

    @Test
    void anUploadTicketSignsNoTraceContextWhenTracingIsOff() {
        HttpRequest request = HttpRequest.newBuilder(chain.api().resolve("/v1/uploads"))
                .header("Authorization", "Bearer " + ApiClient.PRODUCER).header("Content-Type", "application/json")
                .header(TraceContext.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.json(Map.of("contentType", "text/plain",
                        "contentLength", 5)))).build();

        ApiClient.Reply reply = chain.client().send(request);

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(ApiClient.headersOf(reply.json())).doesNotContainKey("x-amz-meta-traceparent");
    }
}
