package io.sqsextended.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * The peer: the AWS Java extended client (amazon-sqs-java-extended-client-lib) sends n pointer messages (payload
 * always through S3) from the uploader threads while its own receive loop (receive 10: one GET per pointer, read
 * into a String; DeleteMessageBatch) drains them. Payloads are kept (cleanup off), as the chain keeps event objects.
 */
final class ExtendedClientLoop {

    private ExtendedClientLoop() {
    }

    /** Messages/s from the first send to the n-th payload received. */
    static double run(Bench.Stack stack, String queueUrl, int size, int n, int concurrency, int senders) throws Exception {
        SqsClient extended = new AmazonSQSExtendedClient(stack.sqs(),
                new ExtendedClientConfiguration().withPayloadSupportEnabled(stack.s3(), BUCKET, false).withAlwaysThroughS3(true));
        String body = "x".repeat(size);
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService consumers = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            consumers.submit(() -> {
                while (!stop.get()) {
                    List<Message> messages = extended.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                    for (Message message : messages) {
                        if (message.body().length() != size) {
                            throw new IllegalStateException("payload of " + message.body().length() + " characters");
                        }
                        received.incrementAndGet();
                    }
                    if (!messages.isEmpty()) {
                        ChainThroughputBench.deleteBatch(extended, queueUrl, messages);
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
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
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (received.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long end = System.nanoTime();
        stop.set(true);
        CompletableFuture.allOf(sending).get();
        consumers.shutdown();
        consumers.awaitTermination(30, TimeUnit.SECONDS);
        if (received.get() < n) {
            throw new IllegalStateException("extended client received " + received.get() + " of " + n);
        }
        return n / ((end - start) / 1e9);
    }
}
