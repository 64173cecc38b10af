package io.sqsextended.chain.reliability;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import javax.management.ObjectName;

import io.sqsextended.chain.consumer.ConsumerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.UniqueSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations surface: no Jolokia, no dev console, no remote JMX connector; health and metrics reveal no secret. */
class ManagementExposureTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> CONSOLES = List.of("/jolokia", "/jolokia/list", "/q/jolokia", "/observe/jolokia",
            "/q/dev", "/observe/dev",
            "/q/dev/jmx", "/observe/info", "/actuator", "/observe/routes");

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .property(ConsumerSettings.ENABLED.name(), "false");

    @Test
    void neitherPortServesJolokiaOrADevConsole() throws Exception {
        for (URI base : List.of(chain.api(), chain.management())) {
            for (String path : CONSOLES) {
                assertThat(get(base.resolve(path)).statusCode()).as(base.resolve(path).toString()).isEqualTo(404);
            }
        }
    }

    @Test
    void noRemoteJmxConnectorIsRegistered() throws Exception {
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("connectors:*"), null))
                .isEmpty();
        assertThat(ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("*:type=JMXConnectorServer,*"), null)).isEmpty();
    }

    @Test
    void healthAndMetricsRevealNoSecret() throws Exception {
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/health/live",
                "/observe/metrics")) {
            String body = get(chain.management().resolve(path)).body();
            for (String secret : UniqueSecrets.secrets()) {
                assertThat(body).as(path).doesNotContain(secret);
            }
            assertThat(body).as(path).doesNotContain("X-Amz-Signature=");
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
