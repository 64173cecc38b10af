package io.sqsextended.chain.docker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ApiClient;

import static io.sqsextended.chain.docker.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A compose file run with docker-compose (Debian's 1.29) as its header comment tells users to, under a project name of
 * its own and with free host ports in the variables the file reads
 * (HOST_API_PORT among them), so that runs never collide.
 */
final class Compose {

    private final String file;
    private final String project = "chain-compose-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> hostPorts = new LinkedHashMap<>();

    Compose(String file, String... hostPortVariables) {
        this.file = file;
        for (String variable : hostPortVariables) {
            hostPorts.put(variable, ChainContainer.freePort());
        }
    }

    /**
     * {@code docker-compose -p PROJECT -f FILE ARGS}: its output; an AssertionError with the output when it exits
     * non-zero.
     */
    String run(String... args) {
        List<String> command = new ArrayList<>(List.of("env"));
        hostPorts.forEach((name, port) -> command.add(name + "=" + port));
        command.addAll(List.of("docker-compose", "-p", project, "-f", file));
        command.addAll(List.of(args));
        return DockerCli.run(command, 600).orFail(command).output();
    }

    void awaitHealthy(String service) {
        String container = run("ps", "-q", service).strip();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> docker("inspect", "-f", "{{.State.Health.Status}}", container), "healthy"::equals);
    }

    /** The API as the host reaches it (HOST_API_PORT). */
    URI api() {
        return URI.create("http://localhost:" + hostPorts.get("HOST_API_PORT"));
    }

    /** A text uploaded through API with a presigned PUT, then its delivery in SERVICE's log. */
    void uploadIsDelivered(ApiClient api, String producerToken, String service) {
        byte[] body = "through compose".getBytes(StandardCharsets.UTF_8);

        JsonNode ticket = api.postJson("/v1/uploads", producerToken, ImageRunTest.upload(body.length)).json();
        assertThat(api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> run("logs", service), logs
                        -> logs.contains(ticket.get("key").asText() + ": " + body.length + " bytes"));
    }
}
