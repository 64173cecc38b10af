package io.sqsextended.chain.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.awaitility.Awaitility.await;

/** The app's notification and dead-letter queues, as a test client sees them. */
final class Queues {

    private final SqsClient sqs;
    final String queueUrl;
    final String deadLetterUrl;
    private final List<Message> deadLetters = new CopyOnWriteArrayList<>();

    Queues(SqsClient sqs, String queue, String deadLetterQueue) {
        this.sqs = sqs;
        this.queueUrl = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        this.deadLetterUrl = sqs.getQueueUrl(r -> r.queueName(deadLetterQueue)).queueUrl();
    }

    /** Sends to the notification queue; returns the message id. */
    String send(String body, Map<String, MessageAttributeValue> attributes) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes)).messageId();
    }

    String send(String body) {
        return send(body, Map.of());
    }

    /** Messages on the notification queue, visible or in flight. */
    int pending() {
        return pending(sqs, queueUrl);
    }

    static int pending(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    void awaitNothingPending() {
        await().until(() -> pending() == 0);
    }

    /** Waits for a message on the dead-letter queue (each is received once, deleted and kept here). */
    Message awaitDeadLetter(Predicate<Message> which) {
        return await().until(() -> deadLetters(which).stream().findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** The dead letters received so far that match, after one receive (of up to 1 s) from the dead-letter queue. */
    List<Message> deadLetters(Predicate<Message> which) {
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        deadLetters.addAll(received);
        received.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(deadLetterUrl).receiptHandle(m.receiptHandle())));
        return deadLetters.stream().filter(which).toList();
    }

    static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }
}
