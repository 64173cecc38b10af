package io.sqsextended.chain.reliability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sqsextended.chain.routes.DeadLetterSender;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The app's queues as a test client sees them: sends, and the dead-letter queue drained into a list. */
final class DeadLetters {

    private final SqsClient sqs;
    final String queueUrl;
    final String deadLetterUrl;
    final List<Message> received = new CopyOnWriteArrayList<>();

    DeadLetters(SqsClient sqs, String queue, String deadLetterQueue) {
        this.sqs = sqs;
        this.queueUrl = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        this.deadLetterUrl = sqs.getQueueUrl(r -> r.queueName(deadLetterQueue)).queueUrl();
    }

    /** Receives (and deletes) what the dead-letter queue holds now; returns the count received so far. */
    int drain() {
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").attributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return received.size();
            }
            received.addAll(batch);
            sqs.deleteMessageBatch(r -> r.queueUrl(deadLetterUrl).entries(batch.stream()
                    .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
    }

    /** The original message id the app wrote on a dead letter (null when SQS redrove it without a reason). */
    static String originalId(Message deadLetter) {
        return attribute(deadLetter, DeadLetterSender.ORIGINAL_MESSAGE_ID);
    }

    static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /** Messages on the notification queue, visible, in flight or delayed. */
    int pending() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
