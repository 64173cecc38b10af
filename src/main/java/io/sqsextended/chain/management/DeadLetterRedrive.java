package io.sqsextended.chain.management;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.wire.QueueUrl;
import io.sqsextended.chain.wire.SqsLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves dead letters back to the notification queue: body and original attributes, without the failure reasons the
 * chain attached. Each message is deleted from the dead-letter queue only after it was sent back.
 */
final class DeadLetterRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final SqsClient sqs;
    private final String deadLetterQueue;
    private final QueueUrl deadLetters;
    private final String queue;
    private final Set<String> failureAttributes;

    DeadLetterRedrive(SqsClient sqs, String deadLetterQueue, String queue, Set<String> failureAttributes) {
        this.sqs = sqs;
        this.deadLetterQueue = deadLetterQueue;
        this.deadLetters = new QueueUrl(sqs, deadLetterQueue);
        this.queue = queue;
        this.failureAttributes = failureAttributes;
    }

    int redrive(int max) {
        String from = deadLetters.get();
        String to = new QueueUrl(sqs, queue).get();
        // what waits now, not what fails again during the redrive (it would come back round)
        long limit = Math.min(max, depth());
        int moved = 0;
        while (moved < limit) {
            int batch = (int) Math.min(SqsLimits.MAX_BATCH_ENTRIES, limit - moved);
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(from).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
                attributes.keySet().removeAll(failureAttributes);
                sqs.sendMessage(r -> r.queueUrl(to).messageBody(message.body()).messageAttributes(attributes));
                sqs.deleteMessage(r -> r.queueUrl(from).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        LOG.info("Redrove {} message(s) from {} to {}", moved, deadLetterQueue, queue);
        return moved;
    }

    long depth() {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(deadLetters.get())
                .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }
}
