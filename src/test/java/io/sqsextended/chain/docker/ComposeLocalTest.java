package io.sqsextended.chain.docker;

import io.sqsextended.chain.testkit.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.docker.DockerCli.docker;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;

/**
 * docker/compose.yaml's local profile with docker-compose (Debian's
 * 1.29), on the image the docker tests build, tagged as the service's image: up, healthy, an upload delivered, down.
 */
@Tag("docker")
class ComposeLocalTest {

    private final Compose compose = new Compose("docker/compose.yaml", "HOST_API_PORT", "HOST_MANAGEMENT_PORT",
            "HOST_S3_PORT", "HOST_SQS_PORT");

    @BeforeAll
    static void tagTheImage() {
        docker("tag", ImageUnderTest.tag(), "sqs-extended-chain:local");
    }

    @AfterEach
    void down() {
        compose.run("down", "-v");
    }

    @Test
    void theLocalProfileComesUpHealthyAndDeliversAnUpload() {
        compose.run("--profile", "local", "up", "-d", "--no-build", "chain-local");
        compose.awaitHealthy("chain-local");

        compose.uploadIsDelivered(new ApiClient(compose.api()), PRODUCER, "chain-local");
    }
}
