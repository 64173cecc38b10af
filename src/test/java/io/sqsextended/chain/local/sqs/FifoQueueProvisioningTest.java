package io.sqsextended.chain.local.sqs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the template's FifoQueueName set, ElasticMQ holds the FIFO queue and its FIFO dead-letter queue. */
class FifoQueueProvisioningTest {

    static final String QUEUE = "orders.fifo";
    static final String DEAD_LETTERS = "orders-dlq.fifo";

    @TempDir
    static Path dataDir;
    static LocalAws local;
    static SqsClient sqs;
    static String queueUrl;
    static String deadLettersUrl;

    @BeforeAll
    static void startStack() {
        local = TestStacks.start(TestStacks.settings(dataDir, TestStacks.TEMPLATE,
                Map.of("FifoQueueName", QUEUE, "FifoContentBasedDeduplication", "true")));
        sqs = AwsClients.sqs(local.clientSettings());
        queueUrl = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
        deadLettersUrl = sqs.getQueueUrl(r -> r.queueName(DEAD_LETTERS)).queueUrl();
    }

    @AfterAll
    static void stopStack() {
        sqs.close();
        local.stop();
    }

    @Test
    void theFifoQueueIsAFifoQueueWithTheTemplatesTimeoutDeduplicationAndRedrive() {
        Map<QueueAttributeName, String> attributes = attributes(queueUrl);

        assertThat(attributes).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "360");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("\"maxReceiveCount\":5")
                .contains(DEAD_LETTERS);
    }

    @Test
    void itsDeadLetterQueueIsAFifoQueueWithoutContentBasedDeduplication() {
        assertThat(attributes(deadLettersUrl)).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    }

    @Test
    void aFifoMessageReceivedFiveTimesWithoutDeletionMovesToTheFifoDeadLetterQueue() {
        String body = "poison-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId("group-1"));
        AtomicInteger receives = new AtomicInteger();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // visibility 0: the message is back at once, as if the consumer had crashed
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0)
                    .waitTimeSeconds(1))
                    .messages().stream().filter(m -> m.body().equals(body)).forEach(m -> receives.incrementAndGet());
            return sqs.receiveMessage(r -> r.queueUrl(deadLettersUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages().stream().anyMatch(m -> m.body().equals(body));
        });

        assertThat(receives.get()).isEqualTo(5);
    }

    private static Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }
}
