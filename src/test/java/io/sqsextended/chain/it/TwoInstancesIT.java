package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.Tag;
import io.sqsextended.chain.testkit.UniqueSecrets;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app instances on one queue: the first in local mode (in this JVM), the second the packaged jar in aws mode,
 * pointed at the first's embedded S3 and SQS by configuration alone. Every payload is delivered and both do part of
 * the work. Each keeps its own idempotent repository; exactly-once per key across instances needs a shared one
 * (docs/architecture.md, "Several instances on one queue").
 * Profile {@code reliability}: {@code mvn verify -Preliability -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TwoInstancesIT}.
 */
@Tag("reliability")
class TwoInstancesIT {

    static final int PAYLOADS = 200;

    @RegisterExtension
    final ChainExtension local = ChainExtension.withUniqueSecrets();
    @TempDir
    Path jarHome;

    @Test
    void everyPayloadIsDeliveredAndBothInstancesShareTheWork() throws Exception {
        RecordingDownstream first = local.downstream();
        List<String> output = new CopyOnWriteArrayList<>();
        String bucket = local.property(ChainKeys.BUCKET.name());
        AwsSettings endpoints = local.clientSettings();
        List<String> properties = new ArrayList<>(RunningJar.awsMode(endpoints, bucket,
                local.property(ChainKeys.QUEUE.name()),
                local.property(ChainKeys.DEAD_LETTER_QUEUE.name())));
        properties.addAll(List.of("-Dchain.auth.producer-tokens=" + UniqueSecrets.PRODUCER_TOKEN,
                "-Dchain.auth.consumer-tokens=" + UniqueSecrets.CONSUMER_TOKEN,
                "-Dchain.auth.admin-tokens=" + UniqueSecrets.ADMIN_TOKEN, "-Dchain.consumer.wait-time-seconds=1"));
        RunningJar aws = RunningJar.start(jarHome, output, properties);
        try {
            aws.awaitOutput("Apache Camel", 0, Duration.ofSeconds(90));
            aws.awaitOutput(") started in", 0, Duration.ofSeconds(90));
            List<String> keys = IntStream.range(0, PAYLOADS).mapToObj(i -> "input/two-instances/" + i + ".txt")
                    .toList();
            // 8 uploaders: notifications arrive faster than one instance takes them, so both get work
            ExecutorService uploaders = Executors.newFixedThreadPool(8);
            try (S3Client s3 = AwsClients.s3(endpoints)) {
                CompletableFuture.allOf(keys.stream().map(key -> CompletableFuture.runAsync(
                        () -> s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("payload " + key)),
                                uploaders))
                        .toArray(CompletableFuture[]::new)).join();
            } finally {
                uploaders.shutdown();
            }

            await().atMost(Duration.ofMinutes(2)).until(() -> delivered(first, output, bucket).containsAll(keys));
            int byJar = byJar(output, bucket).size();
            int total = first.deliveries().size() + byJar;
            System.out.printf(
                    "Two instances: %d payloads, %d by the local-mode instance, %d by the aws-mode jar, %d "
                    + "duplicates%n",
                    PAYLOADS, first.deliveries().size(), byJar, total - delivered(first, output, bucket).size());
            assertThat(first.deliveries()).isNotEmpty();
            assertThat(byJar).isPositive();
        } finally {
            aws.stop();
        }
    }

    private static Set<String> delivered(RecordingDownstream first, List<String> output, String bucket) {
        Set<String> keys = new HashSet<>(first.keys());
        keys.addAll(byJar(output, bucket));
        return keys;
    }

    /** Keys the jar's built-in downstream logged (one line each). */
    private static List<String> byJar(List<String> output, String bucket) {
        Pattern line = Pattern.compile("Payload s3-event " + Pattern.quote(bucket) + "/(input/two-instances/\\S+):");
        return output.stream().map(line::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }
}
