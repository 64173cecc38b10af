package io.sqsextended.chain.moto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.sns.AmazonSNSExtendedClient;
import software.amazon.sns.SNSExtendedClientConfiguration;
import io.sqsextended.chain.testkit.MotoChain;

import static io.sqsextended.chain.testkit.MotoChain.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What other senders put on the queue, through moto: S3 events fanned out by an SNS topic (SNS's envelope as moto
 * writes it), pointers of the AWS SQS and SNS Extended Clients for Java, and our own extended producer's.
 */
@Tag("moto")
class MotoMessagingTest {

    /** A bucket of its own for the SNS Extended Client, which offloads to the root: granted whole. */
    static final String SNS_OFFLOADS = "moto-sns-offloads";

    @TempDir
    Path dataDir;
    MotoChain chain;

    @BeforeEach
    void start() throws Exception {
        chain = MotoChain.start(dataDir, Map.of(),
                Map.of(TrustSettings.POINTER_PREFIXES.name(), "offload/,s3://" + SNS_OFFLOADS + "/"));
    }

    @AfterEach
    void stop() {
        // null where moto_server is missing: the test was skipped before it started one
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void anS3EventFannedOutThroughAnSnsTopicIsDeliveredOnce() {
        String key = "input/fan-out/a b+c.txt";
        try (SnsClient sns = sns()) {
            String topic = sns.createTopic(r -> r.name("uploads")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn()));
            // the fan-out architecture: the bucket notifies the topic, the queue is one of its subscribers
            chain.s3.putBucketNotificationConfiguration(r -> r.bucket(chain.stack.bucket())
                    .notificationConfiguration(n -> n
                    .topicConfigurations(t -> t.topicArn(topic).eventsWithStrings("s3:ObjectCreated:*")
                            .filter(f -> f.key(k -> k.filterRules(rule -> rule.name("prefix").value("input/")))))));

            chain.s3.putObject(r -> r.bucket(chain.stack.bucket()).key(key), RequestBody.fromString("through SNS"));

            RecordingDownstream.Attempt delivered = assertDeliveredOnce(key);
            assertThat(delivered.text()).isEqualTo("through SNS");
            assertThat(delivered.header(PayloadHeaders.SOURCE)).isEqualTo("s3-event");
        }
    }

    @Test
    void aPointerOfTheAwsSqsExtendedClientIsDeliveredOnceAndItsObjectDeleted() {
        String payload = "from the AWS SQS Extended Client ".repeat(10_000);
        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(chain.moto.clientSettings()), chain.stack.bucket())
                .withAlwaysThroughS3(true).withS3KeyPrefix("offload/");
        // the library closes the clients it is given
        try (var client = new AmazonSQSExtendedClient(AwsClients.sqs(chain.moto.clientSettings()), config)) {
            client.sendMessage(r -> r.queueUrl(chain.queues.queueUrl).messageBody(payload));
        }

        RecordingDownstream.Attempt delivered = await()
                .until(() -> chain.downstream.deliveries(), list -> !list.isEmpty()).get(0);

        assertThat(delivered.text()).isEqualTo(payload);
        assertThat(delivered.key()).startsWith("offload/");
        assertThat(delivered.header(PayloadHeaders.SOURCE)).isEqualTo("extended-pointer");
        assertNothingLeft(delivered.key());
    }

    @Test
    void aPointerOfTheAwsSnsExtendedClientInSnssEnvelopeIsDeliveredOnceAndItsObjectDeleted() {
        String payload = "from the AWS SNS Extended Client ".repeat(10_000);
        chain.s3.createBucket(r -> r.bucket(SNS_OFFLOADS));
        try (SnsClient sns = sns()) {
            String topic = sns.createTopic(r -> r.name("large-messages")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn()));
            var config = new SNSExtendedClientConfiguration().withPayloadSupportEnabled(chain.s3, SNS_OFFLOADS)
                    .withAlwaysThroughS3(true);

            new AmazonSNSExtendedClient(sns, config).publish(r -> r.topicArn(topic).message(payload));
        }

        RecordingDownstream.Attempt delivered = await()
                .until(() -> chain.downstream.deliveries(), list -> !list.isEmpty()).get(0);

        assertThat(delivered.text()).isEqualTo(payload);
        assertThat(delivered.header(PayloadHeaders.BUCKET)).isEqualTo(SNS_OFFLOADS);
        assertThat(delivered.key()).doesNotContain("/");
        assertThat(delivered.header(PayloadHeaders.SOURCE)).isEqualTo("extended-pointer");
        await().until(() -> chain.queues.pending() == 0);
        assertThat(chain.downstream.deliveries()).hasSize(1);
        assertThat(chain.queues.drain()).as("dead letters").isZero();
        await().until(() -> chain.s3.listObjectsV2(r -> r.bucket(SNS_OFFLOADS)).contents(), List::isEmpty);
    }

    @Test
    void aMessagePostedToTheExtendedProducerIsDeliveredOnceFromItsOffloadedObject() {
        byte[] payload = "posted through /v1/messages ".repeat(12_000).getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply posted = chain.api.send("POST", "/v1/messages", PRODUCER, "text/plain", payload);

        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        assertThat(posted.json().get("offloaded").asBoolean()).isTrue();
        String key = posted.json().get("key").asText();
        RecordingDownstream.Attempt delivered = chain.downstream.awaitKey(key);
        assertThat(delivered.body()).isEqualTo(payload);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isNotNull();
        assertNothingLeft(key);
    }

    /** Delivered once: nothing left on the queue that could deliver it again, nothing dead-lettered. */
    private RecordingDownstream.Attempt assertDeliveredOnce(String key) {
        RecordingDownstream.Attempt delivered = chain.downstream.awaitKey(key);
        await().until(() -> chain.queues.pending() == 0);
        assertThat(chain.downstream.ofKey(key)).hasSize(1);
        assertThat(chain.queues.drain()).as("dead letters").isZero();
        return delivered;
    }

    /** Delivered once, and the offloaded object deleted after its message. */
    private void assertNothingLeft(String key) {
        assertDeliveredOnce(key);
        await().until(() -> chain.s3.listObjectsV2(r -> r.bucket(chain.stack.bucket()).prefix(key)).contents(),
                List::isEmpty);
    }

    private String queueArn() {
        return chain.sqs.getQueueAttributes(r -> r.queueUrl(chain.queues.queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private SnsClient sns() {
        SnsClientBuilder builder = SnsClient.builder().endpointOverride(chain.moto.endpoint())
                .region(AwsClients.region(chain.moto.clientSettings()))
                        .credentialsProvider(AwsClients.credentials(chain.moto.clientSettings()));
        return builder.build();
    }
}
