package io.sqsextended.chain.producer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.consumer.events.IncomingMessage;
import io.sqsextended.chain.consumer.events.MessageParser;
import io.sqsextended.chain.consumer.events.PayloadReference;
import io.sqsextended.chain.consumer.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.consumer.events.PointerGrant;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages from our extended producer are read by the AWS SQS Extended Client library (the reference), and the chain's
 * parser reads the library's, on standard and FIFO queues.
 */
class AwsExtendedClientInteropTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static String bucket;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
    }

    @ParameterizedTest(name = "legacy size attribute: {0}")
    @ValueSource(booleans = {false, true})
    void aTwoMiBMessageFromOurProducerIsReceivedIntactByTheAwsLibrary(boolean legacyAttributeName) {
        String queueUrl = sqs.createQueue(r -> r.queueName("interop-" + UUID.randomUUID())).queueUrl();
        String payload = "0123456789abcdef".repeat(2 * 1024 * 1024 / 16);
        var settings = new ExtendedSettings(bucket, "offload/", 262_144, false, legacyAttributeName, null,
                (int) S3Limits.MIN_PART_SIZE);
        new ExtendedPublisher(s3, sqs, settings).publish(queueUrl, OutgoingMessage.of(payload));

        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(local.clientSettings()), bucket);
        // the library closes the clients it is given
        try (var awsClient = new AmazonSQSExtendedClient(AwsClients.sqs(local.clientSettings()), config)) {
            List<Message> messages = awsClient.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();

            assertThat(messages).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(payload));
        }
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {1_000, 300_000})
    void theAwsLibraryReadsWhatOurProducerWritesToAFifoQueueWithItsGroup(int size) {
        String queueUrl = fifoQueue();
        String payload = "f".repeat(size);
        new ExtendedPublisher(s3, sqs, settings()).publish(queueUrl, OutgoingMessage.of(payload)
                .inGroup("tenant-1", "ours-" + size));

        // the library closes the clients it is given
        try (var awsClient = new AmazonSQSExtendedClient(AwsClients.sqs(local.clientSettings()), libraryConfig())) {
            List<Message> messages = awsClient.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();

            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo(payload);
                assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-1");
            });
        }
    }

    @Test
    void theChainsParserReadsAPayloadTheAwsLibrarySentInlineToAFifoQueue() {
        String queueUrl = fifoQueue();
        librarySends(queueUrl, "inline from the library");

        assertThat(parse(receiveOne(queueUrl))).singleElement().isInstanceOfSatisfying(InlinePayload.class,
                inline -> assertThat(inline.body()).isEqualTo("inline from the library"));
    }

    @Test
    void theChainsParserReadsAPayloadTheAwsLibraryOffloadedFromAFifoQueue() {
        String queueUrl = fifoQueue();
        String payload = "o".repeat(300_000);
        librarySends(queueUrl, payload);

        assertThat(parse(receiveOne(queueUrl))).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> {
                    assertThat(object.bucket()).isEqualTo(bucket);
                    assertThat(object.key()).startsWith("offload/");
                    assertThat(object.expectedSize()).isEqualTo(payload.length());
                    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String())
                            .isEqualTo(payload);
                });
    }

    static ExtendedSettings settings() {
        return new ExtendedSettings(bucket, "offload/", 262_144, false, false, null, (int) S3Limits.MIN_PART_SIZE);
    }

    static ExtendedClientConfiguration libraryConfig() {
        return new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(local.clientSettings()), bucket).withS3KeyPrefix("offload/");
    }

    static String fifoQueue() {
        return sqs.createQueue(r -> r.queueName("interop-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    }

    static void librarySends(String queueUrl, String payload) {
        // the library closes the clients it is given
        try (var awsClient = new AmazonSQSExtendedClient(AwsClients.sqs(local.clientSettings()), libraryConfig())) {
            awsClient.sendMessage(r -> r.queueUrl(queueUrl).messageBody(payload).messageGroupId("tenant-1")
                    .messageDeduplicationId(UUID.randomUUID().toString()));
        }
    }

    static Message receiveOne(String queueUrl) {
        return await().until(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages(), m -> !m.isEmpty()).get(0);
    }

    /** As the consumer parses a received message, granted the library's pointers under offload/. */
    static List<PayloadReference> parse(Message message) {
        MessageParser parser = new MessageParser(Set.of(bucket), List.of(new PointerGrant(null, "offload/")));
        return parser.parse(new IncomingMessage(message.messageId(), message.body(), message.messageAttributes(),
                null));
    }
}
