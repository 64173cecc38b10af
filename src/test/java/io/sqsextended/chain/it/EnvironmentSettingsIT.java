package io.sqsextended.chain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar configured from its environment alone, as a container is: each kind of key set by its variable (the key
 * upper-cased, dots and dashes as underscores) takes effect; variables that are no settings are left alone.
 */
class EnvironmentSettingsIT {

    private static final Duration STARTED = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path home;
    private static RunningJar jar;
    private static int apiPort;
    private static int managementPort;
    private static int s3Port;
    private static int sqsPort;

    @BeforeAll
    static void startFromTheEnvironment() throws IOException {
        apiPort = freePort();
        managementPort = freePort();
        s3Port = freePort();
        sqsPort = freePort();
        jar = RunningJar.startWithEnvironment(home, Map.ofEntries(
                Map.entry("CAMEL_SERVER_PORT", String.valueOf(apiPort)),
                Map.entry("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort)),
                Map.entry("CHAIN_LOCAL_S3_PORT", String.valueOf(s3Port)),
                Map.entry("CHAIN_LOCAL_SQS_PORT", String.valueOf(sqsPort)),
                Map.entry("CHAIN_LOCAL_DATA_DIR", home.resolve("data").toString()),
                Map.entry("CHAIN_LOCAL_STACK_NAME", "from-the-environment"),
                Map.entry("CHAIN_PRESIGN_TTL", "7m"),
                Map.entry("CHAIN_UPLOAD_MAX_SIZE", "7MiB"),
                Map.entry("CHAIN_DOWNLOAD_ALLOWED_PREFIXES", "input/,shared/"),
                Map.entry("CHAIN_AUTH_ENABLED", "false"),
                // not settings: the client's token, a Kubernetes service link of a service named chain-api
                Map.entry("CHAIN_TOKEN", "a-token-of-the-client"),
                Map.entry("CHAIN_API_SERVICE_HOST", "10.0.0.11"),
                Map.entry("CHAIN_API_PORT", "tcp://10.0.0.11:8080"),
                Map.entry("CHAIN_API_PORT_8080_TCP_ADDR", "10.0.0.11")));
        jar.awaitOutput("Bound ports:", STARTED);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        jar.close();
    }

    @Test
    void camelServerPortFromTheEnvironmentIsWhereTheApiListens() throws Exception {
        assertThat(jar.api().getPort()).isEqualTo(apiPort);
        assertThat(get(jar.api().resolve("/v1/openapi.json")).statusCode()).isEqualTo(200);
    }

    @Test
    void camelManagementPortFromTheEnvironmentIsWhereHealthAnswers() throws Exception {
        assertThat(jar.management().getPort()).isEqualTo(managementPort);
        assertThat(get(jar.management().resolve("/observe/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void localModesS3AndSqsPortsFromTheEnvironmentAreWhereTheEmbeddedStackListens() {
        assertThat(jar.s3().getPort()).isEqualTo(s3Port);
        assertThat(jar.sqs().getPort()).isEqualTo(sqsPort);
    }

    @Test
    void aTextKeyFromTheEnvironmentTakesEffect() {
        assertThat(jar.output()).anyMatch(line -> line.contains("Mode local: bucket from-the-environment-payloads-"));
    }

    @Test
    void aDurationKeyFromTheEnvironmentTakesEffect() {
        assertThat(jar.output()).anyMatch(line -> line.contains("Presign API: URLs live PT7M,"));
    }

    @Test
    void aSizeKeyFromTheEnvironmentTakesEffect() {
        assertThat(jar.output()).anyMatch(line -> line.contains("uploads up to 7340032 bytes"));
    }

    @Test
    void aListKeyFromTheEnvironmentTakesEffect() {
        assertThat(jar.output()).anyMatch(line -> line.contains("downloads under [input/, shared/]"));
    }

    @Test
    void aBooleanKeyFromTheEnvironmentTakesEffect() throws Exception {
        HttpRequest withoutToken = HttpRequest.newBuilder(jar.api().resolve("/v1/downloads"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"input/missing.bin\"}")).build();

        // auth off: the missing object's 404, not the 401 of a request without a token
        assertThat(HTTP.send(withoutToken, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void theClientsTokenAndKubernetesServiceLinksAreNoSettings() {
        assertThat(jar.isAlive()).isTrue();
        assertThat(jar.output()).noneMatch(line -> line.contains("Unknown configuration"));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
