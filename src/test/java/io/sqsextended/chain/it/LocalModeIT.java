package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar runs in local mode on a machine without AWS credentials and keeps its data across restarts. */
class LocalModeIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final String QUEUE = "sqs-extended-chain-notifications";

    @TempDir
    Path home;

    @Test
    void theJarStartsWithoutAwsCredentialsAndARestartKeepsObjectsAndUnconsumedMessages() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/first run.txt";
        RunningJar first = start();
        try (RunningJar jar = first) {
            double seconds = jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            System.out.printf("Local mode ready %.1f s after java -jar%n", seconds);
            try (S3Client s3 = AwsClients.s3(jar.clientSettings()); SqsClient sqs = AwsClients.sqs(
                    jar.clientSettings())) {
                s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("survives a restart"));
                String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
                // the test event and the object's event, left unconsumed
                await().atMost(Duration.ofSeconds(20)).until(() -> visibleMessages(sqs, url) == 2);
            }
            assertThat(jar.stop()).isEqualTo(143);
            assertThat(jar.output()).anyMatch(line -> line.contains("Stopping the embedded S3 and SQS"));
        }

        try (RunningJar jar = first.restart()) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            try (S3Client s3 = AwsClients.s3(jar.clientSettings()); SqsClient sqs = AwsClients.sqs(
                    jar.clientSettings())) {
                String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                        .waitTimeSeconds(5)).messages();

                assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String())
                        .isEqualTo("survives a restart");
                assertThat(messages).hasSize(2).anyMatch(m -> m.body().contains("/first+run.txt"));
            }
            assertThat(jar.output()).noneMatch(line -> line.contains("local-secret-key"));
        }
    }

    private RunningJar start() throws Exception {
        // the messages are left unconsumed on purpose: no consumer chain
        return RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.consumer.enabled=false");
    }

    private static int visibleMessages(SqsClient sqs, String url) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
