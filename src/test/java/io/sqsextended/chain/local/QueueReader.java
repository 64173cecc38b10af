package io.sqsextended.chain.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.awaitility.Awaitility.await;

/**
 * Reads a queue for tests that share it: everything received is kept (and deleted), each test picks its own
 * messages out of what was seen.
 */
public final class QueueReader {

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Message> seen = new CopyOnWriteArrayList<>();

    public QueueReader(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueUrl = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
    }

    /** Waits until {@code count} messages matching {@code which} have been seen, and returns them. */
    public List<Message> awaitMessages(Predicate<Message> which, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll();
            return matching(which);
        }, messages -> messages.size() >= count);
    }

    public List<Message> matching(Predicate<Message> which) {
        return seen.stream().filter(which).toList();
    }

    private void poll() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")).messages();
        seen.addAll(messages);
        messages.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
    }
}
