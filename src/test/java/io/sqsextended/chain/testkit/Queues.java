package io.sqsextended.chain.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.ChainKeys;

import static org.awaitility.Awaitility.await;

/**
 * A queue and its dead-letter queue as a test client sees them: sends, what is pending, and the messages read off
 * either queue (each received once, deleted and kept here, so tests
 * that share a queue pick their own out of what was seen).
 */
public final class Queues {

    private final SqsClient sqs;
    public final String queueUrl;
    public final String deadLetterUrl;
    private final List<Message> seen = new CopyOnWriteArrayList<>();
    private final List<Message> deadLetters = new CopyOnWriteArrayList<>();

    public Queues(SqsClient sqs, String queue, String deadLetterQueue) {
        this.sqs = sqs;
        this.queueUrl = url(sqs, queue);
        this.deadLetterUrl = deadLetterQueue == null ? null : url(sqs, deadLetterQueue);
    }

    /** A queue without a dead-letter queue of interest, e.g. the notification queue of an app whose consumer is off. */
    public Queues(SqsClient sqs, String queue) {
        this(sqs, queue, null);
    }

    /** The app's notification and dead-letter queues. */
    public static Queues of(ChainApp app, SqsClient sqs) {
        return new Queues(sqs, app.property(ChainKeys.QUEUE.name()), app.property(ChainKeys.DEAD_LETTER_QUEUE.name()));
    }

    /**
     * Creates {@code name} and its dead-letter queue ({@code <name>-dlq}, {@code <base>-dlq.fifo} for a FIFO queue)
     * with a RedrivePolicy after {@code maxReceiveCount} receives; both FIFO when the name ends in {@code .fifo}.
     */
    public static Queues create(SqsClient sqs, String name, int maxReceiveCount) {
        boolean fifo = name.endsWith(".fifo");
        String deadLetterName = fifo ? name.substring(0, name.length() - ".fifo".length()) + "-dlq.fifo"
                : name + "-dlq";
        Map<QueueAttributeName, String> fifoAttributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true")
                : Map.of();
        String deadLetterUrl = sqs.createQueue(r -> r.queueName(deadLetterName).attributes(fifoAttributes)).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(r -> r.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>(fifoAttributes);
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        sqs.createQueue(r -> r.queueName(name).attributes(attributes));
        return new Queues(sqs, name, deadLetterName);
    }

    /** Sends to the queue; returns the message id. */
    public String send(String body, Map<String, MessageAttributeValue> attributes) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes)).messageId();
    }

    public String send(String body) {
        return send(body, Map.of());
    }

    /** Sends to this FIFO queue through {@code via} (e.g. an extended client), in {@code group}, with a fresh id. */
    public String sendToGroup(SqsClient via, String group, String body) {
        return via.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(UUID.randomUUID().toString())).messageId();
    }

    /** Messages on the queue, visible, in flight or delayed (a delayed message is still to be handled). */
    public int pending() {
        return pending(sqs, queueUrl);
    }

    public static int pending(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    public void awaitNothingPending() {
        await().until(() -> pending() == 0);
    }

    /**
     * Waits until {@code count} messages matching {@code which} have been read off the queue itself, and returns them.
     */
    public List<Message> awaitMessages(Predicate<Message> which, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            receive(queueUrl, 1, seen);
            return matching(which);
        }, messages -> messages.size() >= count);
    }

    /** The messages read off the queue itself so far that match. */
    public List<Message> matching(Predicate<Message> which) {
        return seen.stream().filter(which).toList();
    }

    /** Waits for a message on the dead-letter queue. */
    public Message awaitDeadLetter(Predicate<Message> which) {
        return await().until(() -> deadLetters(which).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The dead letters received so far that match, after one receive (of up to 1 s) from the dead-letter queue. */
    public List<Message> deadLetters(Predicate<Message> which) {
        receive(deadLetterUrl, 1, deadLetters);
        return deadLetters.stream().filter(which).toList();
    }

    /** Receives what the dead-letter queue holds now; returns the count of dead letters received so far. */
    public int drain() {
        while (!receive(deadLetterUrl, 0, deadLetters).isEmpty()) {
            // until a receive comes back empty
        }
        return deadLetters.size();
    }

    /** The dead letters received so far. */
    public List<Message> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** The original message id the app wrote on a dead letter (null when SQS redrove it without a reason). */
    public static String originalId(Message deadLetter) {
        return attribute(deadLetter, DeadLetterSender.ORIGINAL_MESSAGE_ID);
    }

    public static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /**
     * One receive of up to 10 messages with all their attributes, deleted and kept in {@code into}; returns the batch.
     */
    private List<Message> receive(String url, int waitSeconds, List<Message> into) {
        List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
        if (!batch.isEmpty()) {
            into.addAll(batch);
            sqs.deleteMessageBatch(r -> r.queueUrl(url)
                    .entries(batch.stream().map(m -> DeleteMessageBatchRequestEntry.builder()
                    .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
        return batch;
    }

    private static String url(SqsClient sqs, String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }
}
