package io.sqsextended.chain.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar killed (kill -9) while a payload is in the downstream route: after a restart the payload is delivered. */
class CrashRecoveryIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";

    @TempDir
    Path home;

    @BeforeEach
    void prepare() throws Exception {
        // a downstream that holds every payload until the file "release" exists
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("gate"));
        Files.writeString(home.resolve("routes/holding.yaml"), """
                - route:
                    id: test-holding
                    routeConfigurationId: chain-errors
                    from:
                      uri: direct:holding
                      steps:
                        - setProperty:
                            name: key
                            simple: "${header.PayloadKey}"
                        - log: "Holding ${exchangeProperty.key}"
                        - pollEnrich:
                            constant: "file:gate?fileName=release&noop=true&idempotent=false"
                            timeout: -1
                        - log: "Delivered ${exchangeProperty.key}"
                """);
    }

    @Test
    void aPayloadInTheDownstreamWhenTheJarIsKilledIsDeliveredAfterTheRestart() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/survives kill -9.txt";
        RunningJar first = start();
        try (RunningJar jar = first) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            try (S3Client s3 = AwsClients.s3(jar.clientSettings())) {
                s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("at least once"));
            }
            jar.awaitOutput("Holding " + key, Duration.ofSeconds(30));
            killForcibly();
        }
        Files.writeString(home.resolve("gate/release"), "go");

        try (RunningJar jar = first.restart()) {
            double seconds = jar.awaitOutput("Delivered " + key, Duration.ofSeconds(90));
            System.out.printf("Delivered after the restart, %.1f s after java -jar%n", seconds);
            assertThat(jar.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    private RunningJar start() throws Exception {
        return RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"), "-Dchain.routes.dir="
                + home.resolve("routes"),
                "-Dchain.downstream.uri=direct:holding",
                // the killed consumer's message comes back after 5 s instead of 6 minutes
                "-Dchain.local.parameter.VisibilityTimeout=5");
    }

    /** kill -9 of the jar: no shutdown hook, no graceful stop. */
    private static void killForcibly() throws Exception {
        ProcessHandle jar = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("")
                        .contains(RunningJar.JAR.substring(RunningJar.JAR.lastIndexOf('/') + 1)))
                .findFirst().orElseThrow();
        jar.destroyForcibly();
        jar.onExit().get();
    }
}
