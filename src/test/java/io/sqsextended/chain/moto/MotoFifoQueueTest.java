package io.sqsextended.chain.moto;

import java.io.IOException;
import java.util.Map;

import io.sqsextended.chain.testkit.Moto;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/** The template's optional FIFO queue, deployed by moto's CloudFormation (an AWS nobody here wrote). */
@Tag("moto")
class MotoFifoQueueTest {

    static final String QUEUE = "orders.fifo";
    static final String DEAD_LETTERS = "orders-dlq.fifo";

    Moto moto;

    @BeforeEach
    void resetMoto() {
        moto = Moto.get();
        moto.reset();
    }

    @Test
    void aFifoQueueNameDeploysAFifoQueueRedrivingToItsFifoDeadLetterQueue() throws IOException {
        Moto.Deployed stack = moto.deploy(Map.of("FifoQueueName", QUEUE));

        try (SqsClient sqs = AwsClients.sqs(moto.clientSettings())) {
            Map<QueueAttributeName, String> queue = attributes(sqs, QUEUE);
            Map<QueueAttributeName, String> deadLetters = attributes(sqs, DEAD_LETTERS);

            assertThat(queue).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                    .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "360");
            assertThat(queue.get(QueueAttributeName.REDRIVE_POLICY)).contains(DEAD_LETTERS).contains("5");
            assertThat(deadLetters).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                    .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
            assertThat(stack.outputs())
                    .containsEntry("FifoQueueArn", queue.get(QueueAttributeName.QUEUE_ARN))
                    .containsEntry("FifoDeadLetterQueueArn", deadLetters.get(QueueAttributeName.QUEUE_ARN))
                    .containsEntry("FifoDeadLetterQueueName", DEAD_LETTERS)
                    .containsKeys("FifoQueueUrl", "FifoDeadLetterQueueUrl");
        }
    }

    @Test
    void contentBasedDeduplicationIsItsParameter() throws IOException {
        moto.deploy(Map.of("FifoQueueName", QUEUE, "FifoContentBasedDeduplication", "true"));

        try (SqsClient sqs = AwsClients.sqs(moto.clientSettings())) {
            assertThat(attributes(sqs, QUEUE)).containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        }
    }

    @Test
    void theDefaultStackDeploysNoFifoQueue() throws IOException {
        Moto.Deployed stack = moto.deploy(Map.of());

        try (SqsClient sqs = AwsClients.sqs(moto.clientSettings())) {
            assertThat(sqs.listQueues().queueUrls()).hasSize(2).noneMatch(url -> url.endsWith(".fifo"));
        }
        assertThat(stack.outputs().keySet()).noneMatch(output -> output.startsWith("Fifo"));
    }

    private static Map<QueueAttributeName, String> attributes(SqsClient sqs, String queue) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }
}
