package io.sqsextended.chain.producer;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.wire.InlineMark;
import io.sqsextended.chain.wire.PayloadPointer;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The extended producer on FIFO queues: the group and deduplication ids go on the SendMessage, the body and attributes
 * are what a standard queue gets (the AWS Java library's way); ids a queue cannot take are refused before any upload.
 */
class FifoPublisherTest {

    static final int THRESHOLD = 262_144;

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static S3Client s3;
    static SqsClient sqs;
    static String bucket;

    @BeforeAll
    static void startStack() {
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
    }

    @Test
    void aSmallPayloadLandsInlineWithItsGroupAndDeduplicationId() {
        String queueUrl = fifoQueue(false);

        PublishResult result = publisher(settings("offload/"))
                .publish(queueUrl, OutgoingMessage.of("ordered").inGroup("orders-7", "order-7-1"));

        Message received = receive(queueUrl, 1).get(0);
        assertThat(result.offloaded()).isFalse();
        assertThat(received.body()).isEqualTo("ordered");
        assertThat(received.messageAttributes()).containsOnlyKeys(InlineMark.ATTRIBUTE);
        assertThat(received.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "orders-7")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "order-7-1");
    }

    @Test
    void anOffloadedPayloadLandsAsTheAwsPointerWithItsGroupAndDeduplicationId() throws Exception {
        byte[] payload = ExtendedPublisherTest.text(THRESHOLD + 1);
        String queueUrl = fifoQueue(false);

        PublishResult result = publisher(settings("offload/"))
                .publish(queueUrl, OutgoingMessage.of(payload, "text/plain").inGroup("orders-7", "order-7-2"));

        Message received = receive(queueUrl, 1).get(0);
        assertThat(received.body()).isEqualTo("[\"software.amazon.payloadoffloading.PayloadS3Pointer\","
                + "{\"s3BucketName\":\"" + bucket + "\",\"s3Key\":\"" + result.key() + "\"}]");
        assertThat(received.messageAttributes()).containsOnlyKeys(PayloadPointer.SIZE_ATTRIBUTE,
                PayloadSha256.ATTRIBUTE);
        assertThat(received.messageAttributes().get(PayloadPointer.SIZE_ATTRIBUTE).stringValue())
                .isEqualTo(String.valueOf(payload.length));
        assertThat(received.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "orders-7")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "order-7-2");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.key())).asByteArray()).isEqualTo(payload);
    }

    @Test
    void theSameDeduplicationIdTwiceWithinTheWindowIsOneMessage() {
        String queueUrl = fifoQueue(false);
        ExtendedPublisher publisher = publisher(settings("offload/"));

        publisher.publish(queueUrl, OutgoingMessage.of("first").inGroup("g", "same-id"));
        publisher.publish(queueUrl, OutgoingMessage.of("second").inGroup("g", "same-id"));

        assertThat(waitingMessages(queueUrl)).isEqualTo(1);
        assertThat(receive(queueUrl, 1)).extracting(Message::body).containsExactly("first");
    }

    @Test
    void onAQueueDeduplicatingByContentTheSameLargePayloadTwiceIsOneMessage() throws Exception {
        byte[] payload = ExtendedPublisherTest.text(THRESHOLD + 1, 'd');
        String queueUrl = fifoQueue(true);
        ExtendedPublisher publisher = publisher(settings("offload/"));

        publisher.publish(queueUrl, OutgoingMessage.of(payload, "text/plain").inGroup("g", null));
        publisher.publish(queueUrl, OutgoingMessage.of(payload, "text/plain").inGroup("g", null));

        assertThat(waitingMessages(queueUrl)).isEqualTo(1);
        assertThat(receive(queueUrl, 1).get(0).attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, base64Sha256(payload));
    }

    @Test
    void aQueueDeduplicatingByContentTakesASmallPayloadWithoutDeduplicationId() {
        String queueUrl = fifoQueue(true);

        publisher(settings("offload/")).publish(queueUrl, OutgoingMessage.of("by content").inGroup("g", null));

        assertThat(receive(queueUrl, 1)).extracting(Message::body).containsExactly("by content");
    }

    @Test
    void withoutDeduplicationIdAQueueWithoutContentBasedDeduplicationRefusesTheMessageBeforeAnyUpload() {
        String queueUrl = fifoQueue(false);
        String prefix = "offload/fifo-" + UUID.randomUUID() + "/";
        var always = new ExtendedSettings(bucket, prefix, THRESHOLD, true, false, null, (int) S3Limits.MIN_PART_SIZE);

        assertThatThrownBy(() -> publisher(always).publish(queueUrl, OutgoingMessage.of("x").inGroup("g", null)))
                .isInstanceOfSatisfying(FifoIdException.class,
                        e -> assertThat(e.id()).isEqualTo(FifoIdException.Id.DEDUPLICATION))
                .hasMessageContaining("MessageDeduplicationId is required")
                .hasMessageContaining("without content-based deduplication");

        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()).isEmpty();
        assertThat(waitingMessages(queueUrl)).isZero();
    }

    @Test
    void withoutGroupIdAFifoQueueRefusesTheMessage() {
        String queueUrl = fifoQueue(true);

        assertThatThrownBy(() -> publisher(settings("offload/")).publish(queueUrl,
                OutgoingMessage.of("x").inGroup(null, "d")))
                .isInstanceOfSatisfying(FifoIdException.class,
                        e -> assertThat(e.id()).isEqualTo(FifoIdException.Id.GROUP))
                .hasMessageContaining("MessageGroupId is required");
    }

    @Test
    void aStandardQueueRefusesAGroupIdAndADeduplicationId() {
        String queueUrl = sqs.createQueue(r -> r.queueName("standard-" + UUID.randomUUID())).queueUrl();
        ExtendedPublisher publisher = publisher(settings("offload/"));

        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup("g", null)))
                .isInstanceOf(FifoIdException.class).hasMessageContaining("MessageGroupId applies to FIFO queues");
        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup(null, "d")))
                .isInstanceOf(FifoIdException.class)
                .hasMessageContaining("MessageDeduplicationId applies to FIFO queues");
        assertThat(waitingMessages(queueUrl)).isZero();
    }

    @Test
    void anIdSqsWouldRefuseIsRefusedAsTheIdItIs() {
        String queueUrl = fifoQueue(false);
        ExtendedPublisher publisher = publisher(settings("offload/"));

        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup("a group", "d")))
                .isInstanceOf(FifoIdException.class).hasMessageContaining("MessageGroupId must be 1 to 128");
        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup("g", "d".repeat(129))))
                .isInstanceOf(FifoIdException.class).hasMessageContaining("MessageDeduplicationId must be 1 to 128");
    }

    @Test
    void aBatchToAFifoQueueKeepsItsOrderWithinTheGroup() {
        String queueUrl = fifoQueue(false);
        List<OutgoingMessage> messages = List.of("1", "2", "3").stream()
                .map(n -> OutgoingMessage.of(n).inGroup("g", "batch-" + n)).toList();

        List<PublishResult> results = publisher(settings("offload/")).publishBatch(queueUrl, messages);

        assertThat(results).allMatch(PublishResult::succeeded);
        assertThat(receive(queueUrl, 3)).extracting(Message::body).containsExactly("1", "2", "3");
    }

    @Test
    void aQueuesKindIsReadOnceWhenFirstSentTo() {
        String name = "read-once-" + UUID.randomUUID() + ".fifo";
        String queueUrl = createFifo(name, false);
        ExtendedPublisher publisher = publisher(settings("offload/"));
        publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup("g", "d"));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        createFifo(name, true);

        // the queue deduplicates by content now; the publisher still knows it as it first read it
        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("y").inGroup("g", null)))
                .isInstanceOf(FifoIdException.class).hasMessageContaining("without content-based deduplication");
    }

    static String fifoQueue(boolean contentBasedDeduplication) {
        return createFifo("fifo-" + UUID.randomUUID() + ".fifo", contentBasedDeduplication);
    }

    static String createFifo(String name, boolean contentBasedDeduplication) {
        return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, String.valueOf(contentBasedDeduplication))))
                .queueUrl();
    }

    static ExtendedSettings settings(String prefix) {
        return new ExtendedSettings(bucket, prefix, THRESHOLD, false, false, null, (int) S3Limits.MIN_PART_SIZE);
    }

    static ExtendedPublisher publisher(ExtendedSettings settings) {
        return new ExtendedPublisher(s3, sqs, settings);
    }

    static String base64Sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static int waitingMessages(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Receives and deletes, so that the group's next message comes (a FIFO group holds it while one is in flight). */
    static List<Message> receive(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                received.add(message);
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            return received.size() >= count;
        });
        return received;
    }
}
