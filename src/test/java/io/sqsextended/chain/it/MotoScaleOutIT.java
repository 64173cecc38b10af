package io.sqsextended.chain.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.sqsextended.chain.testkit.Moto;
import io.sqsextended.chain.testkit.Postgres;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import io.sqsextended.chain.testkit.MotoChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the packaged jar in aws mode on moto's queue, sharing the idempotency store on PostgreSQL: every
 * S3 event of moto sent to the queue twice, each object delivered once by one of them.
 */
@Tag("moto")
class MotoScaleOutIT {

    static final int UPLOADS = 30;
    static final String DOWNSTREAM = """
            - route:
                id: moto-scale-out
                from:
                  uri: direct:moto-scale-out
                  steps:
                    - convertBodyTo:
                        type: String
                    - log:
                        message: "Delivered ${header.PayloadKey} ${body}"
            """;
    static final Pattern DELIVERED = Pattern.compile("Delivered (input/scale-out/\\S+) (.*)$");

    @TempDir
    Path home;
    final List<RunningJar> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() throws Exception {
        for (RunningJar instance : instances) {
            instance.close();
        }
    }

    @Test
    void everyObjectIsDeliveredOnceByOneOfThreeInstancesThoughEachEventArrivesTwice() throws Exception {
        Moto moto = Moto.get();
        moto.reset();
        Moto.Deployed stack = moto.deploy(Map.of("VisibilityTimeout", MotoChain.VISIBILITY_TIMEOUT));
        String database = Postgres.get().newDatabase();
        List<String> keys = IntStream.range(0, UPLOADS).mapToObj(i -> "input/scale-out/" + i + ".txt").toList();
        try (S3Client s3 = AwsClients.s3(moto.clientSettings()); SqsClient sqs = AwsClients.sqs(
                moto.clientSettings())) {
            Queues queues = new Queues(sqs, stack.queue(), stack.deadLetterQueue());
            keys.forEach(key -> s3.putObject(r -> r.bucket(stack.bucket()).key(key),
                    RequestBody.fromString("payload " + key)));
            List<String> events = takeEvents(sqs, queues.queueUrl);
            List<String> twice = new ArrayList<>(events);
            twice.addAll(events);
            Collections.shuffle(twice, new Random(28));

            for (int i = 0; i < 3; i++) {
                instances.add(start(i, moto, stack, database));
            }
            for (RunningJar instance : instances) {
                instance.awaitOutput(") started in", Duration.ofSeconds(120));
            }
            twice.forEach(queues::send);

            await().atMost(Duration.ofMinutes(3)).until(() -> deliveries().size() >= UPLOADS && queues.pending() == 0);
            for (RunningJar instance : instances) {
                instance.stop();
            }
            Map<String, Integer> perKey = new HashMap<>();
            deliveries().forEach(d -> perKey.merge(d[1], 1, Integer::sum));
            System.out.printf("Moto scale-out: %d events (each sent twice), deliveries by instance %s%n", events.size(),
                    IntStream.range(0, 3).mapToObj(i -> deliveries().stream()
                            .filter(d -> d[0].equals(String.valueOf(i))).count()).toList());
            assertThat(perKey).as("deliveries per object").containsOnlyKeys(keys)
                    .allSatisfy((key, count) -> assertThat(count).isOne());
            assertThat(deliveries()).allSatisfy(d -> assertThat(d[2]).isEqualTo("payload " + d[1]));
            assertThat(queues.drain()).as("dead letters").isZero();
        }
    }

    /** moto's S3 events of the uploads, taken off the queue before any instance runs (its s3:TestEvent left out). */
    private static List<String> takeEvents(SqsClient sqs, String queueUrl) {
        Set<String> events = new LinkedHashSet<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                if (message.body().contains("\"Records\"")) {
                    events.add(message.body());
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            return events.size() >= UPLOADS;
        });
        return List.copyOf(events);
    }

    private RunningJar start(int index, Moto moto, Moto.Deployed stack, String database) throws IOException {
        Path instanceHome = home.resolve("instance-" + index);
        Files.createDirectories(instanceHome.resolve("routes"));
        Files.writeString(instanceHome.resolve("routes").resolve("moto-scale-out.camel.yaml"), DOWNSTREAM);
        List<String> properties = new ArrayList<>(
                RunningJar.awsMode(moto.clientSettings(), stack.bucket(), stack.queue(), stack.deadLetterQueue()));
        properties.addAll(List.of("-Dchain.auth.producer-tokens=" + MotoChain.PRODUCER, "-Dchain.auth.consumer-tokens="
                + MotoChain.CONSUMER,
                "-Dchain.auth.admin-tokens=" + MotoChain.ADMIN, "-Dchain.consumer.wait-time-seconds=1",
                "-Dchain.downstream.uri=direct:moto-scale-out", "-Dcamel.main.shutdown-timeout=5",
                "-Dchain.consumer.idempotency.store=jdbc", "-Dchain.consumer.idempotency.jdbc-url=" + database,
                "-Dchain.consumer.idempotency.jdbc-user=postgres"));
        return RunningJar.start(instanceHome, Collections.synchronizedList(new ArrayList<>()), properties);
    }

    /** Every delivery logged so far: {instance, key, body}. */
    private List<String[]> deliveries() {
        List<String[]> deliveries = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            for (String line : instances.get(i).output()) {
                Matcher m = DELIVERED.matcher(line);
                if (m.find()) {
                    deliveries.add(new String[] {String.valueOf(i), m.group(1), m.group(2)});
                }
            }
        }
        return deliveries;
    }
}
