package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.sqsextended.chain.testkit.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.docker.ChainContainer.API;
import static io.sqsextended.chain.docker.ChainContainer.MANAGEMENT;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker/Dockerfile's image run as users run it, configured through
 * its environment, in local mode. Needs a Docker engine:
 * {@code mvn verify -Pdocker} (docker/base-images.sh starts one where it can; skipped, with one line, where none runs).
 */
@Tag("docker")
class ImageRunTest {

    @BeforeAll
    static void build() {
        ImageUnderTest.tag();
    }

    @Test
    void theServersBindThePortsTheEnvironmentNames() {
        try (ChainContainer chain = new ChainContainer().apiPort(18080).env("CAMEL_MANAGEMENT_PORT", "19876")
                .env("CHAIN_LOCAL_S3_PORT", "19000").env("CHAIN_LOCAL_SQS_PORT", "19324")
                        .ports(18080, 19876, 19000, 19324).start()) {

            assertThat(chain.logs()).contains("Bound ports: api=18080 management=19876 s3=19000 sqs=19324");
            assertThat(get(chain.url(19876).resolve("/observe/health/live"))).isEqualTo(200);
        }
    }

    @Test
    void apiTokensComeFromTheEnvironment() {
        try (ChainContainer chain = new ChainContainer().env("CHAIN_AUTH_PRODUCER_TOKENS", "env-producer-token")
                .ports(API).start()) {
            ApiClient api = new ApiClient(chain.api());

            assertThat(api.postJson("/v1/uploads", "env-producer-token", upload(10)).status()).isEqualTo(201);
            assertThat(api.postJson("/v1/uploads", PRODUCER, upload(10)).status()).isEqualTo(401);
        }
    }

    @Test
    void chainKeysComeFromTheEnvironment() {
        try (ChainContainer chain = new ChainContainer().env("CHAIN_UPLOAD_MAX_SIZE", "1KiB").ports(API).start()) {

            assertThat(new ApiClient(chain.api()).postJson("/v1/uploads", PRODUCER, upload(2048)).status())
                    .isEqualTo(400);
        }
    }

    @Test
    void theAppRunsAsTheImagesNonRootUser() {
        try (ChainContainer chain = new ChainContainer().start()) {

            assertThat(chain.exec("cat", "/proc/1/status")).containsPattern("(?m)^Uid:\\s+10001\\s");
        }
    }

    @Test
    void aPayloadLargerThanTheSpoolThresholdIsSpooledAndDelivered() {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(29).nextBytes(body);
        try (ChainContainer chain = new ChainContainer().ports(API).start()) {
            ApiClient.Reply published = new ApiClient(chain.api())
                    .send("POST", "/v1/messages", PRODUCER, "application/octet-stream", body);

            assertThat(published.status()).as(published.text()).isEqualTo(202);
            chain.awaitLog(": " + body.length + " bytes", Duration.ofSeconds(60));
        }
    }

    @Test
    void theHealthCheckIsHealthyOnTheManagementPortTheEnvironmentNames() {
        try (ChainContainer chain = new ChainContainer().env("CAMEL_MANAGEMENT_PORT", "19876")
                .option("--health-interval", "2s").start()) {

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> chain.inspect("{{.State.Health.Status}}"), "healthy"::equals);
        }
    }

    @Test
    void javaToolOptionsSetTheHeap() {
        try (ChainContainer chain = new ChainContainer().env("JAVA_TOOL_OPTIONS", "-Xmx192m").ports(MANAGEMENT)
                .start()) {

            assertThat(maxHeap(chain)).isBetween(0.9 * 192 * 1024 * 1024, 192.0 * 1024 * 1024);
        }
    }

    @Test
    void theJvmMapsTheImagesAppCdsArchive() {
        try (ChainContainer chain = new ChainContainer()
                .env("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=/tmp/class-load.log").start()) {
            String shared = chain.exec("grep", "-c", "source: shared objects file (top)", "/tmp/class-load.log");

            assertThat(Integer.parseInt(shared)).isGreaterThan(3000);
            assertThat(chain.exec("grep", "-m", "1", "io.sqsextended.chain.Application ", "/tmp/class-load.log"))
                    .contains("shared objects file");
        }
    }

    static Map<String, Object> upload(long length) {
        return Map.of("contentType", "text/plain", "contentLength", length, "fileName", "from-the-container.txt");
    }

    static int get(URI uri) {
        return response(uri).statusCode();
    }

    /** The heap's limit as the JVM reports it on the metrics endpoint: the sum of its pools' limits (-1: none). */
    private static double maxHeap(ChainContainer chain) {
        return response(chain.url(MANAGEMENT).resolve("/observe/metrics")).body().lines()
                .filter(line -> line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .filter(max -> max > 0).sum();
    }

    private static HttpResponse<String> response(URI uri) {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
