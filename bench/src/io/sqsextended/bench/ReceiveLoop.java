package io.sqsextended.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A baseline consumer: {@code threads} loops, each receive 10 (long poll of 1 s), handle each message, one
 * DeleteMessageBatch; as many receives in flight as threads. The handler returns the payloads a message carried.
 */
final class ReceiveLoop implements AutoCloseable {

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Future<?>> loops;

    ReceiveLoop(SqsClient sqs, String queueUrl, int threads, ToIntFunction<Message> handler) {
        pool = Executors.newFixedThreadPool(threads);
        loops = java.util.stream.IntStream.range(0, threads).<Future<?>>mapToObj(t -> pool.submit(() -> {
            while (!stop.get()) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                for (Message message : messages) {
                    handled.addAndGet(handler.applyAsInt(message));
                }
                if (!messages.isEmpty()) {
                    ChainThroughputBench.deleteBatch(sqs, queueUrl, messages);
                }
            }
            return null;
        })).toList();
    }

    /** Waits until n payloads were handled (at most 10 minutes): payloads/s since {@code startNanos}. */
    double rateAt(int n, long startNanos) throws Exception {
        long deadline = startNanos + TimeUnit.MINUTES.toNanos(10);
        while (handled.get() < n && System.nanoTime() < deadline) {
            for (Future<?> loop : loops) {
                if (loop.isDone()) {
                    loop.get();
                }
            }
            Thread.sleep(2);
        }
        long end = System.nanoTime();
        if (handled.get() < n) {
            throw new IllegalStateException("receive loop handled " + handled.get() + " of " + n);
        }
        return n / ((end - startNanos) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
