package io.sqsextended.chain.docker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.presign.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.docker.DockerCli.docker;
import static io.sqsextended.chain.presign.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker/compose.yaml's local profile with docker-compose (Debian's 1.29), on the image the docker tests build, tagged as
 * the service's image: up, healthy, an upload delivered, down.
 */
@Tag("docker")
class ComposeLocalTest {

    private final String project = "chain-compose-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> hostPorts = Map.of("HOST_API_PORT", ChainContainer.freePort(),
            "HOST_MANAGEMENT_PORT", ChainContainer.freePort(), "HOST_S3_PORT", ChainContainer.freePort(), "HOST_SQS_PORT", ChainContainer.freePort());

    @BeforeAll
    static void tagTheImage() {
        docker("tag", ImageUnderTest.tag(), "sqs-extended-chain:local");
    }

    @AfterEach
    void down() {
        compose("down", "-v");
    }

    @Test
    void theLocalProfileComesUpHealthyAndDeliversAnUpload() {
        compose("--profile", "local", "up", "-d", "--no-build", "chain-local");
        String container = compose("ps", "-q", "chain-local").strip();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> docker("inspect", "-f", "{{.State.Health.Status}}", container), "healthy"::equals);
        ApiClient api = new ApiClient(URI.create("http://localhost:" + hostPorts.get("HOST_API_PORT")));
        byte[] body = "through compose".getBytes(StandardCharsets.UTF_8);

        JsonNode ticket = api.postJson("/v1/uploads", PRODUCER, ImageRunTest.upload(body.length)).json();
        assertThat(api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> compose("logs", "chain-local"), logs -> logs.contains(ticket.get("key").asText() + ": " + body.length + " bytes"));
    }

    private String compose(String... args) {
        List<String> command = new ArrayList<>(List.of("env"));
        hostPorts.forEach((name, port) -> command.add(name + "=" + port));
        command.addAll(List.of("docker-compose", "-p", project, "-f", "docker/compose.yaml"));
        command.addAll(List.of(args));
        return DockerCli.run(command, 600).orFail(command).output();
    }
}
