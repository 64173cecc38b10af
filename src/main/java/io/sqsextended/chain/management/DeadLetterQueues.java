package io.sqsextended.chain.management;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.consumer.queues.SourceQueue;
import io.sqsextended.chain.consumer.queues.SourceQueues;
import io.sqsextended.chain.wire.QueueUrl;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The dead-letter queues an operator redrives: the notification queue's ({@code chain.dead-letter-queue} back to
 * {@code chain.queue}) and each source queue's (the one its RedrivePolicy names, back to it); and their depths, for
 * the MBean (read at each call) and for a gauge (read at most every {@link #GAUGE_MILLIS}).
 */
final class DeadLetterQueues {

    /** A scrape every few seconds would otherwise ask SQS as often, per queue; SQS's count is approximate anyway. */
    static final long GAUGE_MILLIS = 30_000;

    private record Depth(long readAt, double value) {
    }

    private final SqsClient sqs;
    private final SourceQueues queues;
    private final DeadLetterRedrive notification;
    private final Set<String> failureAttributes;
    private final Map<String, Depth> gauged = new ConcurrentHashMap<>();

    DeadLetterQueues(SqsClient sqs, SourceQueues queues, String notificationDeadLetters, String notificationQueue,
            Set<String> failureAttributes) {
        this.sqs = sqs;
        this.queues = queues;
        this.failureAttributes = failureAttributes;
        this.notification = new DeadLetterRedrive(sqs, new QueueUrl(sqs, notificationDeadLetters),
                new QueueUrl(sqs, notificationQueue), failureAttributes);
    }

    /** From {@code chain.dead-letter-queue} to {@code chain.queue}, whether the chain consumes it or not. */
    DeadLetterRedrive notification() {
        return notification;
    }

    /** From the source queue's dead-letter queue back to it. */
    DeadLetterRedrive of(SourceQueue queue) {
        return new DeadLetterRedrive(sqs, queues.deadLetters(queue), queue.url(), failureAttributes);
    }

    /** The depth of the queue's dead-letter queue as last read, read again when older than {@link #GAUGE_MILLIS}. */
    double gauged(SourceQueue queue) {
        long now = System.nanoTime();
        return gauged.compute(queue.name(), (name, last) -> last != null
                && now - last.readAt() < TimeUnit.MILLISECONDS.toNanos(GAUGE_MILLIS) ? last
                : new Depth(now, readDepth(queue))).value();
    }

    /** NaN, Micrometer's unknown, while SQS cannot tell. */
    private double readDepth(SourceQueue queue) {
        try {
            return of(queue).depth();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
