package io.sqsextended.chain.docker;

import io.sqsextended.chain.testkit.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.docker.DockerCli.docker;

/**
 * docker/compose.moto.yaml with docker-compose: moto up, the template
 * deployed into it with its bucket notification, the app in aws mode on the stack (the image the docker tests build),
 * an upload through the API delivered from moto's own notification, down. Skipped in one line where
 * docker/base-images.sh cannot make the moto image.
 */
@Tag("docker")
class ComposeMotoTest {

    private final Compose compose = new Compose("docker/compose.moto.yaml", "HOST_API_PORT", "HOST_MANAGEMENT_PORT",
            "HOST_MOTO_PORT");

    @BeforeAll
    static void tagTheImages() {
        docker("tag", ImageUnderTest.tag(), "sqs-extended-chain:local");
        ImageUnderTest.makeMotoImage();
    }

    @AfterEach
    void down() {
        compose.run("down", "-v");
    }

    @Test
    void awsModeOnTheStackDeployedIntoMotoDeliversAnUpload() {
        compose.run("up", "-d", "--no-build");
        compose.awaitHealthy("chain");

        // moto answers Expect: 100-continue twice, which the JDK's client takes for the final answer
        compose.uploadIsDelivered(ApiClient.withoutExpectContinue(compose.api()), "compose-producer-token", "chain");
    }
}
