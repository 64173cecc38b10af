package io.sqsextended.chain.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar killed (kill -9) while a payload has been in a downstream longer than the visibility timeout (kept hidden by
 * the renewals): the renewals stop with the process, so the message comes back and is delivered after the restart.
 * Profile {@code reliability}: {@code mvn verify -Preliability -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SlowDownstreamCrashIT}.
 */
@Tag("reliability")
class SlowDownstreamCrashIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final String QUEUE = "sqs-extended-chain-notifications";
    static final int VISIBILITY_TIMEOUT = 3;

    @TempDir
    Path home;

    @Test
    void aPayloadSlowerThanTheVisibilityTimeoutIsDeliveredAfterAKillDuringIt() throws Exception {
        // 4 s, then 4 s more: killed after the first half, the payload has outlived one visibility timeout already
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes/slow.yaml"), """
                - route:
                    id: test-slow
                    routeConfigurationId: chain-errors
                    from:
                      uri: direct:slow
                      steps:
                        - setProperty:
                            name: key
                            simple: "${header.PayloadKey}"
                        - log: "Started ${exchangeProperty.key}"
                        - delay:
                            constant: 4000
                            asyncDelayed: false
                        - log: "Halfway ${exchangeProperty.key}"
                        - delay:
                            constant: 4000
                            asyncDelayed: false
                        - log: "Finished ${exchangeProperty.key}"
                """);
        List<String> properties = List.of("-Dchain.local.data-dir=" + home.resolve("data"), "-Dchain.routes.dir="
                + home.resolve("routes"),
                "-Dchain.downstream.uri=direct:slow", "-Dchain.local.parameter.VisibilityTimeout="
                        + VISIBILITY_TIMEOUT);
        List<String> output = new CopyOnWriteArrayList<>();
        String key = "input/" + UUID.randomUUID() + "/slow.txt";

        RunningJar jar = RunningJar.start(home, output, properties);
        try {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            try (S3Client s3 = AwsClients.s3(jar.clientSettings())) {
                s3.putObject(r -> r.bucket(BUCKET).key(key),
                        RequestBody.fromString("slower than the visibility timeout"));
            }
            jar.awaitOutput("Halfway " + key, Duration.ofSeconds(60));
        } finally {
            jar.kill();
        }
        int killedAt = output.size();
        long killed = System.nanoTime();
        assertThat(count(List.copyOf(output).subList(0, killedAt), "Started " + key))
                .as("attempts before the kill (renewals kept the message hidden)").isEqualTo(1);
        assertThat(count(List.copyOf(output).subList(0, killedAt), "Finished " + key)).as("completed before the kill")
                .isZero();

        try (RunningJar restarted = jar.restart()) {
            double ready = restarted.awaitOutput("sqs-extended-chain local mode", killedAt, Duration.ofSeconds(90));
            double again = restarted.awaitOutput("Started " + key, killedAt, Duration.ofSeconds(90));
            double finished = restarted.awaitOutput("Finished " + key, killedAt, Duration.ofSeconds(90));
            double seconds = (System.nanoTime() - killed) / 1e9;
            try (SqsClient sqs = AwsClients.sqs(restarted.clientSettings())) {
                Queues queues = new Queues(sqs, QUEUE);
                await().atMost(Duration.ofSeconds(30)).until(() -> queues.pending() == 0);
            }
            System.out.printf(
                    "Slow downstream killed half-way: after the restart ready in %.1f s, the payload started again at "
                    + "%.1f s"
                    + " and finished at %.1f s; delivered %.1f s after the kill%n", ready, again, finished, seconds);
            assertThat(count(output, "Finished " + key)).as("completed deliveries").isEqualTo(1);
        }
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }
}
