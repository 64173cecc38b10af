package io.sqsextended.chain.producer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.sqsextended.chain.producer.FifoIdException.Id;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Whether each queue the producer sends to is FIFO, and whether it deduplicates by content: a FIFO queue's attributes
 * are read once, when first sent to; a standard queue costs no call (only a FIFO queue's name may end in .fifo).
 */
final class QueueKinds {

    enum Kind { STANDARD, FIFO, FIFO_CONTENT_DEDUPLICATION }

    static final String FIFO_SUFFIX = ".fifo";
    // SQS: 1 to 128 characters, letters, digits and punctuation
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final SqsClient sqs;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    QueueKinds(SqsClient sqs) {
        this.sqs = sqs;
    }

    Kind of(String queueUrl) {
        return queueUrl.endsWith(FIFO_SUFFIX) ? kinds.computeIfAbsent(queueUrl, this::read) : Kind.STANDARD;
    }

    /** The queue's kind, once the message's ids are those it takes: before anything is uploaded. */
    Kind check(String queueUrl, OutgoingMessage message) {
        String groupId = message.messageGroupId();
        String deduplicationId = message.messageDeduplicationId();
        checkWellFormed(Id.GROUP, groupId);
        checkWellFormed(Id.DEDUPLICATION, deduplicationId);
        Kind kind = of(queueUrl);
        String queue = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        if (kind == Kind.STANDARD) {
            if (groupId != null) {
                throw new FifoIdException(Id.GROUP, "applies to FIFO queues only; " + queue + " is a standard queue");
            }
            if (deduplicationId != null) {
                throw new FifoIdException(Id.DEDUPLICATION,
                        "applies to FIFO queues only; " + queue + " is a standard queue");
            }
        } else if (groupId == null) {
            throw new FifoIdException(Id.GROUP, "is required: " + queue + " is a FIFO queue");
        } else if (deduplicationId == null && kind == Kind.FIFO) {
            throw new FifoIdException(Id.DEDUPLICATION,
                    "is required: " + queue + " is a FIFO queue without content-based deduplication");
        }
        return kind;
    }

    private Kind read(String queueUrl) {
        Map<QueueAttributeName, String> attributes;
        try {
            attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.FIFO_QUEUE,
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).attributes();
        } catch (RuntimeException e) {
            throw new PublishException("SQS did not answer the queue's attributes: " + e.getMessage(), e);
        }
        if (!Boolean.parseBoolean(attributes.get(QueueAttributeName.FIFO_QUEUE))) {
            return Kind.STANDARD;
        }
        return Boolean.parseBoolean(attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION))
                ? Kind.FIFO_CONTENT_DEDUPLICATION : Kind.FIFO;
    }

    private static void checkWellFormed(Id id, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            throw new FifoIdException(id, "must be 1 to 128 characters of letters, digits and punctuation");
        }
    }
}
