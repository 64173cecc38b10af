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
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Moves dead letters back to their source queue: body and original attributes, without the failure reasons the chain
 * attached. Each message is deleted from the dead-letter queue only after it was sent back. Into a FIFO queue each
 * goes back to its own message group in the order the FIFO dead-letter queue hands them out (a group's in order), so
 * a group's redriven messages follow what the group delivered meanwhile, in the order they failed.
 */
final class DeadLetterRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);
    /** Long enough to send a batch back and delete it; a redrive stopped on the way lets go after it. */
    private static final int VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final QueueUrl deadLetters;
    private final QueueUrl queue;
    private final Set<String> failureAttributes;

    DeadLetterRedrive(SqsClient sqs, QueueUrl deadLetters, QueueUrl queue, Set<String> failureAttributes) {
        this.sqs = sqs;
        this.deadLetters = deadLetters;
        this.queue = queue;
        this.failureAttributes = failureAttributes;
    }

    int redrive(int max) {
        String from = deadLetters.get();
        String to = queue.get();
        // what waits now, not what fails again during the redrive (it would come back round)
        long limit = Math.min(max, depth());
        int moved = 0;
        while (moved < limit) {
            int batch = (int) Math.min(SqsLimits.MAX_BATCH_ENTRIES, limit - moved);
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(from).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(VISIBILITY_SECONDS).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                sqs.sendMessage(r -> sentBack(r.queueUrl(to), message));
                sqs.deleteMessage(r -> r.queueUrl(from).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        LOG.info("Redrove {} message(s) from {} to {}", moved, deadLetters.queueName(), queue.queueName());
        return moved;
    }

    long depth() {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(deadLetters.get())
                .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    private SendMessageRequest.Builder sentBack(SendMessageRequest.Builder request, Message message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.keySet().removeAll(failureAttributes);
        request.messageBody(message.body()).messageAttributes(attributes);
        if (queue.fifo()) {
            // deduplicated by the dead letter's id: a redrive stopped between send and delete, run again within SQS's
            // 5 minutes, does not send it twice
            request.messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messageDeduplicationId(message.messageId());
        }
        return request;
    }
}
