package io.sqsextended.chain.producer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sqsextended.chain.wire.QueueUrl;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The URLs of the queues the producer publishes to, each looked up once, when first needed. */
public final class QueueUrls {

    private final SqsClient sqs;
    private final Map<String, QueueUrl> urls = new ConcurrentHashMap<>();

    public QueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String of(String queue) {
        return urls.computeIfAbsent(queue, q -> new QueueUrl(sqs, q)).get();
    }
}
