package io.sqsextended.chain.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import io.sqsextended.chain.testkit.TestStacks;

import static org.assertj.core.api.Assertions.assertThat;

/** Local mode provisions what the template says and keeps its data across restarts. */
class ProvisioningTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartWithTheSameDataDirKeepsObjectsAndUnconsumedMessages() {
        String key = "input/" + UUID.randomUUID() + ".txt";
        LocalAws first = TestStacks.start(TestStacks.settings(dataDir));
        try (S3Client s3 = AwsClients.s3(first.clientSettings())) {
            s3.putObject(r -> r.bucket(TestStacks.bucket(first)).key(key), RequestBody.fromString("kept"));
        } finally {
            first.stop();
        }

        LocalAws second = TestStacks.start(TestStacks.settings(dataDir));
        try (S3Client s3 = AwsClients.s3(second.clientSettings()); SqsClient sqs = AwsClients.sqs(
                second.clientSettings())) {
            List<Message> messages = new Queues(sqs, queueName(second)).awaitMessages(m -> true, 2);

            assertThat(s3.getObjectAsBytes(r -> r.bucket(TestStacks.bucket(second)).key(key)).asUtf8String())
                    .isEqualTo("kept");
            assertThat(messages).anyMatch(m -> m.body().contains(key));
            assertThat(messages).filteredOn(m -> m.body().contains("s3:TestEvent")).hasSize(1);
        } finally {
            second.stop();
        }
    }

    @Test
    void changingTheTemplateChangesTheQueueSettingsAndTheNotifiedPrefix() throws Exception {
        Path template = dataDir.resolve("changed.yaml");
        Files.writeString(template, Files.readString(Path.of(TestStacks.TEMPLATE))
                .replace("Default: 360", "Default: 120")
                .replace("Default: input/", "Default: incoming/"));
        LocalAws local = TestStacks.start(TestStacks.settings(dataDir.resolve("data"), template.toString(), Map.of()));
        try (S3Client s3 = AwsClients.s3(local.clientSettings()); SqsClient sqs = AwsClients.sqs(
                local.clientSettings())) {
            String id = UUID.randomUUID().toString();
            s3.putObject(r -> r.bucket(TestStacks.bucket(local)).key("input/" + id), RequestBody.fromString("x"));
            s3.putObject(r -> r.bucket(TestStacks.bucket(local)).key("incoming/" + id), RequestBody.fromString("x"));
            Queues reader = new Queues(sqs, queueName(local));

            reader.awaitMessages(m -> m.body().contains("incoming/" + id), 1);

            assertThat(reader.matching(m -> m.body().contains("input/" + id))).isEmpty();
            assertThat(queueAttribute(sqs, queueName(local), QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("120");
        } finally {
            local.stop();
        }
    }

    @Test
    void aTemplateParameterOverrideChangesTheRedrivePolicy() {
        LocalAws local = TestStacks.start(
                TestStacks.settings(dataDir, TestStacks.TEMPLATE, Map.of("MaxReceiveCount", "2")));
        try (SqsClient sqs = AwsClients.sqs(local.clientSettings())) {
            assertThat(queueAttribute(sqs, queueName(local), QueueAttributeName.REDRIVE_POLICY))
                    .contains("\"maxReceiveCount\":2");
        } finally {
            local.stop();
        }
    }

    @Test
    void aChangedNotificationConfigurationSendsANewTestEventAtTheNextStart() {
        TestStacks.start(TestStacks.settings(dataDir)).stop();
        LocalAws changed = TestStacks.start(
                TestStacks.settings(dataDir, TestStacks.TEMPLATE, Map.of("InputPrefix", "other/")));
        try (SqsClient sqs = AwsClients.sqs(changed.clientSettings())) {
            assertThat(new Queues(sqs, queueName(changed)).awaitMessages(m -> m.body().contains("s3:TestEvent"), 2))
                    .hasSize(2);
        } finally {
            changed.stop();
        }
    }

    private static String queueName(LocalAws local) {
        return local.outputs().get("NotificationQueueName");
    }

    private static String queueAttribute(SqsClient sqs, String queue, QueueAttributeName name) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(name)).attributes().get(name);
    }
}
