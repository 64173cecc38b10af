package io.sqsextended.chain.tracing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing on, the metrics recorded while a payload's spans are current carry its trace as an exemplar, which the
 * OpenMetrics format of {@code /observe/metrics} writes. One payload in the app's life: an exemplar is kept a few
 * seconds before another may replace it.
 */
class MetricExemplarsTest {

    /** What Prometheus asks for (2.x and 3.x): OpenMetrics first. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().consumer());

    @Test
    void aDeliveredPayloadsTraceIdIsAnExemplarOfTheMetricsInOpenMetricsFormat() {
        String traceId = PayloadTraceTest.newTraceId();
        JsonNode ticket = PayloadTraceTest.createUpload(chain, traceId, 5);

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        receiver.awaitSpan("the deliver span", s -> s.traceId().equals(traceId) && s.name().equals("deliver"));
        await().alias("an exemplar of the payload's trace").until(() -> openMetrics().lines()
                .anyMatch(line -> line.contains("trace_id=\"" + traceId + "\"")));
    }

    private static String openMetrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                chain.management().resolve("/observe/metrics")).header("Accept", PROMETHEUS_ACCEPT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/openmetrics-text"));
        return response.body();
    }
}
