package io.sqsextended.chain.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sqsextended.chain.docker.ChainContainer.API;
import static io.sqsextended.chain.docker.ChainContainer.S3;
import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/** The image's data on its volume from one container to the next, and {@code docker stop} with a payload in flight. */
@Tag("docker")
class ImageLifecycleTest {

    private final String volume = "chain-test-data-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path routes;

    @BeforeAll
    static void build() {
        ImageUnderTest.tag();
    }

    @AfterEach
    void removeVolume() {
        DockerCli.run(List.of("docker", "volume", "rm", "-f", volume), 60);
    }

    @Test
    void anUploadIsDownloadableFromTheNextContainerOnTheSameVolume() {
        byte[] body = "kept on the volume".getBytes(StandardCharsets.UTF_8);
        String key;
        try (ChainContainer first = onVolume().start()) {
            ApiClient api = new ApiClient(first.api());
            JsonNode ticket = api.postJson("/v1/uploads", PRODUCER, ImageRunTest.upload(body.length)).json();
            assertThat(api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);
            key = ticket.get("key").asText();
            first.stop();
        }

        try (ChainContainer second = onVolume().start()) {

            assertThat(new ApiClient(second.api()).download(CONSUMER, key)).isEqualTo(body);
        }
    }

    @Test
    void aMessageQueuedBeforeTheContainerIsReplacedIsDeliveredByTheNextOne() {
        byte[] body = new byte[1234];
        try (ChainContainer first = onVolume().env("CHAIN_CONSUMER_ENABLED", "false").start()) {
            assertThat(new ApiClient(first.api()).send("POST", "/v1/messages", PRODUCER, "text/plain", body).status())
                    .isEqualTo(202);
            first.stop();
        }

        try (ChainContainer second = onVolume().start()) {

            second.awaitLog(": 1234 bytes", Duration.ofSeconds(60));
        }
    }

    @Test
    void dockerStopLetsThePayloadInFlightFinishAndEndsWellInsideTheStopTimeout() throws IOException {
        Files.writeString(routes.resolve("slow.camel.yaml"), """
                - route:
                    id: test-slow
                    routeConfigurationId: chain-errors
                    from:
                      uri: direct:slow
                      steps:
                        - log: "Started ${header.PayloadSize} bytes"
                        - delay:
                            constant: 4000
                            asyncDelayed: false
                        - log: "Finished ${header.PayloadSize} bytes"
                """);
        // the test's temp dir is its owner's alone: the container's user 10001 must read it
        Files.setPosixFilePermissions(routes, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(routes.resolve("slow.camel.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        try (ChainContainer chain = new ChainContainer().env("CHAIN_DOWNSTREAM_URI", "direct:slow")
                .option("-v", routes + ":/app/routes:ro").ports(API).start()) {
            new ApiClient(chain.api()).send("POST", "/v1/messages", PRODUCER, "text/plain", new byte[77]);
            chain.awaitLog("Started 77 bytes", Duration.ofSeconds(60));

            Duration stop = chain.stop();

            assertThat(chain.logs()).contains("Finished 77 bytes");
            assertThat(stop).isLessThan(Duration.ofSeconds(ChainContainer.STOP_TIMEOUT_SECONDS / 2));
            assertThat(chain.inspect("{{.State.ExitCode}}")).isEqualTo("143");
        }
    }

    /** Local mode on this test's named volume, its presigned URLs naming the S3 port published on the host. */
    private ChainContainer onVolume() {
        ChainContainer chain = new ChainContainer().ports(API, S3).option("-v", volume + ":/app/data");
        return chain.env("CHAIN_LOCAL_PUBLIC_ENDPOINT", chain.url(S3).toString());
    }
}
