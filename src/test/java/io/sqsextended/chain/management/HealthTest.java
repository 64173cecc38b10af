package io.sqsextended.chain.management;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.sqsextended.chain.local.Outages;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health on the management port: live while the JVM runs, ready while S3 and the queue answer. */
class HealthTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    @Test
    void readinessTurnsDownWhileS3IsStoppedAndUpWhenItReturns() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready").statusCode() == 200);

        Outages.stopS3(chain.localAws());
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready").statusCode() == 503);
            assertThat(get("/observe/health/ready").body()).contains("DOWN");
            assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        } finally {
            Outages.startS3(chain.localAws());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready").statusCode() == 200);
    }

    @Test
    void metricsArePublishedForPrometheusWithTheChainsCounters() throws Exception {
        HttpResponse<String> metrics = get("/observe/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes")
                .contains("chain_payloads_delivered_total", "chain_delivery_failures_total",
                        "chain_messages_dead_lettered_total",
                        "chain_bytes_delivered_bytes_total", "chain_presigns_issued_total",
                                "chain_presigns_refused_total", "chain_in_flight");
    }

    static HttpResponse<String> get(String path) throws Exception {
        URI uri = chain.management().resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
