package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingWebhook;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.testkit.UniqueSecrets;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged jars on one FIFO queue: the first in local mode, its template's {@code FifoQueueName} provisioning the
 * queue and its FIFO dead-letter queue, the second in aws mode pointed at the first's embedded S3 and SQS. Both post
 * every payload to one webhook (examples/routes/webhook.camel.yaml), which records them in the order they arrive: SQS
 * hands out a group's next message only once the one before is deleted, so that order is the delivery order, across
 * the instances. 10 groups x 50 messages, a third offloaded by the AWS Java library. About two minutes with the
 * starts: reliability tier.
 */
@Tag("reliability")
class FifoTwoInstancesIT {

    static final String QUEUE = "orders.fifo";
    static final String DEAD_LETTERS = "orders-dlq.fifo";
    static final int GROUPS = 10;
    static final int EACH = 50;
    static final Duration STARTUP = Duration.ofSeconds(120);
    // local mode prints, once started, "S3 <url>   bucket <name>" and "SQS <url>   queue <name>, dead letters <name>"
    static final Pattern BUCKET = Pattern.compile("   bucket (\\S+)$");
    static final Pattern QUEUES = Pattern.compile("   queue (\\S+), dead letters (\\S+)$");

    @TempDir
    Path home;
    final List<RunningJar> instances = new ArrayList<>();
    RecordingWebhook webhook;

    @AfterEach
    void stopInstances() throws Exception {
        for (RunningJar instance : instances) {
            instance.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void everyGroupIsDeliveredInOrderEachPayloadOnceAcrossTwoInstances() throws Exception {
        webhook = RecordingWebhook.start();
        RunningJar local = start(0, List.of(define(ChainKeys.LOCAL_DATA_DIR.name(), home.resolve("data").toString()),
                define(ChainKeys.LOCAL_PARAMETERS.name() + "FifoQueueName", QUEUE)));
        local.awaitOutput("sqs-extended-chain local mode", STARTUP);
        AwsSettings stack = local.clientSettings();
        String bucket = printed(local, BUCKET).group(1);
        Matcher queues = printed(local, QUEUES);
        List<String> aws = new ArrayList<>(RunningJar.awsMode(stack, bucket, queues.group(1), queues.group(2)));
        aws.addAll(List.of(define(AuthSettings.PRODUCER_TOKENS.name(), UniqueSecrets.PRODUCER_TOKEN),
                define(AuthSettings.CONSUMER_TOKENS.name(), UniqueSecrets.CONSUMER_TOKEN),
                define(AuthSettings.ADMIN_TOKENS.name(), UniqueSecrets.ADMIN_TOKEN)));
        start(1, aws).awaitOutput(") started in", STARTUP);

        try (SqsClient sqs = AwsClients.sqs(stack)) {
            Queues fifo = new Queues(sqs, QUEUE, DEAD_LETTERS);
            long started = System.nanoTime();
            send(fifo, stack, bucket);
            await().atMost(Duration.ofMinutes(4)).until(() -> webhook.posts().size() >= GROUPS * EACH
                    && fifo.pending() == 0);
            List<RecordingWebhook.Post> posts = List.copyOf(webhook.posts());
            Map<String, List<String>> byGroup = posts.stream().collect(Collectors.groupingBy(FifoTwoInstancesIT::group,
                    Collectors.mapping(RecordingWebhook.Post::text, Collectors.toList())));
            Map<String, Set<String>> instancesByGroup = posts.stream().collect(Collectors.groupingBy(
                    FifoTwoInstancesIT::group, Collectors.mapping(RecordingWebhook.Post::path, Collectors.toSet())));
            System.out.printf("FIFO, two instances: %d groups x %d messages (a third offloaded) in %d ms; deliveries "
                    + "by instance %s; groups delivered by both: %d%n", GROUPS, EACH,
                    (System.nanoTime() - started) / 1_000_000, posts.stream().collect(Collectors.groupingBy(
                            RecordingWebhook.Post::path, Collectors.counting())),
                    instancesByGroup.values().stream().filter(paths -> paths.size() > 1).count());

            for (int g = 0; g < GROUPS; g++) {
                String group = "g" + g;
                assertThat(byGroup.get(group)).as("group " + group + " in the order the webhook got it")
                        .containsExactlyElementsOf(IntStream.range(0, EACH).mapToObj(i -> group + " " + i).toList());
            }
            // a group that moved between the instances is the case the order across instances is about
            assertThat(instancesByGroup).as("instances per group").anySatisfy((group, paths) -> assertThat(paths)
                    .hasSize(2));
            assertThat(fifo.drain()).as("dead letters").isZero();
        }
    }

    /** One sender per group (SQS orders a group by the order of its sends); every third message offloaded. */
    private static void send(Queues fifo, AwsSettings stack, String bucket) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(GROUPS);
        try (SqsClient plain = AwsClients.sqs(stack);
                var extended = new AmazonSQSExtendedClient(AwsClients.sqs(stack), new ExtendedClientConfiguration()
                        .withPayloadSupportEnabled(AwsClients.s3(stack), bucket).withS3KeyPrefix("offload/")
                        .withAlwaysThroughS3(true))) {
            List<Future<?>> sent = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                String group = "g" + g;
                sent.add(senders.submit(() -> IntStream.range(0, EACH).forEach(i -> fifo.sendToGroup(i % 3 == 0
                        ? extended : plain, group, group + " " + i))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    /** Starts instance {@code index}, consuming the FIFO queue alone and posting each payload to the webhook. */
    private RunningJar start(int index, List<String> settings) throws Exception {
        List<String> properties = new ArrayList<>(settings);
        properties.addAll(List.of(define(ConsumerSettings.QUEUES.name(), QUEUE),
                define(ConsumerSettings.WAIT_TIME_SECONDS.name(), "1"),
                define(ConsumerSettings.ROUTES_DIR.name(), Path.of("examples/routes").toAbsolutePath().toString()),
                define(ConsumerSettings.DOWNSTREAM_URI.name(), "direct:webhook"),
                define("example.webhook.url", webhook.url("/instance-" + index)), "-Dcamel.main.shutdown-timeout=5"));
        RunningJar instance = RunningJar.start(home.resolve("instance-" + index),
                Collections.synchronizedList(new ArrayList<>()), properties);
        instances.add(instance);
        return instance;
    }

    private static String group(RecordingWebhook.Post post) {
        return post.text().split(" ")[0];
    }

    private static String define(String key, String value) {
        return "-D" + key + "=" + value;
    }

    private static Matcher printed(RunningJar jar, Pattern pattern) {
        return jar.output().stream().map(pattern::matcher).filter(Matcher::find).findFirst().orElseThrow(
                () -> new AssertionError("The jar printed no line matching " + pattern));
    }
}
