package io.sqsextended.chain.wire;

import java.util.function.Supplier;

import software.amazon.awssdk.services.sqs.SqsClient;

/** A queue's URL, looked up by name on first use (SQS may be unreachable when the routes are built). */
public final class QueueUrl implements Supplier<String> {

    private final SqsClient sqs;
    private final String queueName;
    private volatile String url;

    public QueueUrl(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
    }

    @Override
    public String get() {
        String value = url;
        if (value == null) {
            value = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            url = value;
        }
        return value;
    }

    public String queueName() {
        return queueName;
    }

    /** SQS's rule: a FIFO queue's name ends in {@code .fifo}. */
    public boolean fifo() {
        return queueName.endsWith(".fifo");
    }
}
