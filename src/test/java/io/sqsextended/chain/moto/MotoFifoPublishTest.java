package io.sqsextended.chain.moto;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.producer.ExtendedPublisher;
import io.sqsextended.chain.producer.ExtendedSettings;
import io.sqsextended.chain.producer.FifoIdException;
import io.sqsextended.chain.producer.OutgoingMessage;
import io.sqsextended.chain.testkit.Moto;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The extended producer on moto's FIFO queues (an SQS nobody here wrote): the queue's kind read from moto's attributes,
 * the ids on the message, deduplication within the window, and the AWS Java library reading what it wrote.
 */
@Tag("moto")
class MotoFifoPublishTest {

    static final String BUCKET = "moto-fifo-payloads";

    Moto moto;
    S3Client s3;
    SqsClient sqs;
    ExtendedPublisher publisher;

    @BeforeEach
    void start() {
        moto = Moto.get();
        moto.reset();
        s3 = AwsClients.s3(moto.clientSettings());
        sqs = AwsClients.sqs(moto.clientSettings());
        s3.createBucket(r -> r.bucket(BUCKET));
        publisher = new ExtendedPublisher(s3, sqs, new ExtendedSettings(BUCKET, "offload/", 262_144, false, false,
                null, (int) S3Limits.MIN_PART_SIZE));
    }

    @AfterEach
    void stop() {
        // null where moto_server is missing: the test was skipped before it started one
        if (sqs != null) {
            sqs.close();
            s3.close();
        }
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {1_000, 300_000})
    void theAwsLibraryReadsOurFifoMessageFromMotoWithItsGroupAndDeduplicationId(int size) {
        String queueUrl = fifoQueue(false);
        String payload = "m".repeat(size);

        publisher.publish(queueUrl, OutgoingMessage.of(payload).inGroup("tenant-1", "moto-" + size));

        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(moto.clientSettings()), BUCKET);
        // the library closes the clients it is given
        try (var library = new AmazonSQSExtendedClient(AwsClients.sqs(moto.clientSettings()), config)) {
            List<Message> messages = library.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();

            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo(payload);
                assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-1")
                        .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "moto-" + size);
            });
        }
    }

    @Test
    void theSameDeduplicationIdTwiceIsOneMessageOnMoto() {
        String queueUrl = fifoQueue(false);

        publisher.publish(queueUrl, OutgoingMessage.of("first").inGroup("g", "same"));
        publisher.publish(queueUrl, OutgoingMessage.of("second").inGroup("g", "same"));

        assertThat(waiting(queueUrl)).isEqualTo(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()).extracting(Message::body).containsExactly("first");
    }

    @Test
    void onAMotoQueueDeduplicatingByContentTheSameLargePayloadTwiceIsOneMessage() {
        String queueUrl = fifoQueue(true);
        String payload = "c".repeat(300_000);

        publisher.publish(queueUrl, OutgoingMessage.of(payload).inGroup("g", null));
        publisher.publish(queueUrl, OutgoingMessage.of(payload).inGroup("g", null));

        assertThat(waiting(queueUrl)).isEqualTo(1);
    }

    @Test
    void aMotoQueueWithoutContentBasedDeduplicationIsKnownAsSuch() {
        String queueUrl = fifoQueue(false);

        assertThatThrownBy(() -> publisher.publish(queueUrl, OutgoingMessage.of("x").inGroup("g", null)))
                .isInstanceOf(FifoIdException.class).hasMessageContaining("without content-based deduplication");
    }

    private String fifoQueue(boolean contentBasedDeduplication) {
        return sqs.createQueue(r -> r.queueName("moto-" + UUID.randomUUID() + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, String.valueOf(contentBasedDeduplication))))
                .queueUrl();
    }

    private int waiting(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
