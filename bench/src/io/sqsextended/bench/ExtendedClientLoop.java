package io.sqsextended.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * The peer: the AWS Java extended client (amazon-sqs-java-extended-client-lib) sends pointer messages (payload
 * always through S3, under the chain's default {@code chain.extended.key-prefix}) and its own receive loop (receive
 * 10: one GET per pointer, read into a String; DeleteMessageBatch) drains them. Payloads are kept (cleanup off), as
 * the chain keeps event objects.
 */
final class ExtendedClientLoop {

    static final String KEY_PREFIX = "offload/";

    private ExtendedClientLoop() {
    }

    static SqsClient client(Bench.Stack stack) {
        return new AmazonSQSExtendedClient(stack.sqs(), new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(stack.s3(), BUCKET, false).withAlwaysThroughS3(true)
                        .withS3KeyPrefix(KEY_PREFIX));
    }

    /** Sends n pointer messages of {@code size} characters from {@code senders} threads. */
    static CompletableFuture<Void> send(SqsClient extended, String queueUrl, int size, int n, int senders) {
        String body = "x".repeat(size);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] sending = new CompletableFuture<?>[senders];
        for (int t = 0; t < senders; t++) {
            sending[t] = CompletableFuture.runAsync(() -> {
                while (next.getAndIncrement() < n) {
                    extended.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
                }
            }, pool);
        }
        pool.shutdown();
        return CompletableFuture.allOf(sending);
    }

    /**
     * The extended client's receive loop on {@code concurrency} threads; each message's payload must have {@code size}
     * characters.
     */
    static ReceiveLoop receiveLoop(SqsClient extended, String queueUrl, int size, int concurrency) {
        return new ReceiveLoop(extended, queueUrl, concurrency, message -> {
            if (message.body().length() != size) {
                throw new IllegalStateException("payload of " + message.body().length() + " characters");
            }
            return 1;
        });
    }

    /** Messages/s from the first send to the n-th payload received, sending while receiving. */
    static double run(Bench.Stack stack, String queueUrl, int size, int n, int concurrency, int senders)
            throws Exception {
        SqsClient extended = client(stack);
        try (ReceiveLoop loop = receiveLoop(extended, queueUrl, size, concurrency)) {
            long start = System.nanoTime();
            CompletableFuture<Void> sending = send(extended, queueUrl, size, n, senders);
            double rate = loop.rateAt(n, start);
            sending.get();
            return rate;
        }
    }
}
