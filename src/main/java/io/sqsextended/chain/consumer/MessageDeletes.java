package io.sqsextended.chain.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.sqsextended.chain.consumer.delivery.ScheduledPools;
import io.sqsextended.chain.tracing.DeleteSpan;
import io.sqsextended.chain.tracing.TraceLinks;
import io.sqsextended.chain.wire.SqsLimits;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes the messages of completed exchanges from the queue, up to 10 in one {@code DeleteMessageBatch} (Camel's
 * consumer sends one {@code DeleteMessage} each), then runs what must follow the delete: the cleanup of delivered
 * objects. A message is deleted once its exchange completed, dead-lettered ones included, and kept when it failed or
 * when one of its payloads is held by another delivery ({@link #keep}).
 */
final class MessageDeletes extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDeletes.class);
    private static final int BATCH = SqsLimits.MAX_BATCH_ENTRIES;
    /** Batches deleted at once: one thread kept pace with at most 10 messages per SQS round trip. */
    private static final int DELETERS = 4;
    /**
     * How long a completed message may wait for others to share its batch (SQS keeps it hidden far longer): at 20 ms,
     * and each flush sending what completed during its round trip, a 0 ms drain deleted in batches of a few (a fifth
     * of its Java execution samples, 4 % of its CPU).
     */
    private static final long LINGER_MILLIS = 200;
    /** A FIFO queue's: its group's next messages wait for this delete. */
    private static final long FIFO_LINGER_MILLIS = 20;

    /** Exchange property: the message stays on the queue although its exchange completed. */
    private static final String KEEP = "ChainKeepMessage";

    private record Pending(String messageId, String receiptHandle, Runnable afterDelete, TraceLinks links) {
    }

    private final CamelContext context;
    private final SqsClient sqs;
    private final Supplier<String> queueUrl;
    private final Function<Exchange, Runnable> afterDelete;
    private final long lingerMillis;
    private final List<Pending> pending = new ArrayList<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> scheduled;

    /**
     * @param fifo        the queue is FIFO: its deletes linger less, as SQS holds a group until then
     * @param afterDelete what to run once the message of a completed exchange is deleted
     */
    MessageDeletes(CamelContext context, SqsClient sqs, Supplier<String> queueUrl, boolean fifo,
            Function<Exchange, Runnable> afterDelete) {
        this.context = context;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.afterDelete = afterDelete;
        this.lingerMillis = fifo ? FIFO_LINGER_MILLIS : LINGER_MILLIS;
    }

    /**
     * Deletes the exchange's message once the exchange completed: the receipt handle is taken now, before any route can
     * drop it.
     */
    void register(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        String receiptHandle = exchange.getIn().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        TraceLinks received = TraceLinks.received(exchange);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                if (!done.getProperty(KEEP, false, Boolean.class)) {
                    add(new Pending(messageId, receiptHandle, afterDelete.apply(done), received.andPayloads(done)));
                }
            }
        });
    }

    /** The exchange's message is not deleted: SQS hands it out again after its visibility timeout. */
    static void keep(Exchange exchange) {
        exchange.setProperty(KEEP, true);
    }

    /** Whether the exchange's message stays on the queue: the exchange failed, or {@link #keep} kept it. */
    static boolean staysOnQueue(Exchange exchange) {
        return exchange.isFailed() || exchange.getProperty(KEEP, false, Boolean.class);
    }

    /** The deletes run on threads of their own: a worker never waits for them. */
    private void add(Pending message) {
        synchronized (pending) {
            pending.add(message);
            if (timer == null) {
                // stopped: the last ones are deleted at once
                delete(take(BATCH));
                return;
            }
            if (pending.size() % BATCH == 0) {
                timer.execute(this::deleteFullBatches);
            }
            // every message has a flush after it: a full batch's may leave it behind
            if (scheduled == null) {
                scheduled = timer.schedule(this::flush, lingerMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Deletes full batches only: the rest waits for its linger, so as to share a batch with what follows. */
    private void deleteFullBatches() {
        while (true) {
            List<Pending> batch;
            synchronized (pending) {
                if (pending.size() < BATCH) {
                    return;
                }
                batch = take(BATCH);
            }
            delete(batch);
        }
    }

    /**
     * Deletes the messages pending now; those completed meanwhile wait for their own linger (sent at once, they made
     * batches of one or two while each delete took its round trip).
     */
    void flush() {
        int due;
        synchronized (pending) {
            scheduled = null;
            due = pending.size();
        }
        while (due > 0) {
            List<Pending> batch;
            synchronized (pending) {
                batch = take(Math.min(due, BATCH));
            }
            if (batch.isEmpty()) {
                return;
            }
            due -= batch.size();
            delete(batch);
        }
    }

    private List<Pending> take(int most) {
        List<Pending> batch = new ArrayList<>(pending.subList(0, Math.min(most, pending.size())));
        pending.subList(0, batch.size()).clear();
        return batch;
    }

    private void delete(List<Pending> batch) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(batch.get(i).receiptHandle()).build());
        }
        Map<String, BatchResultErrorEntry> failed;
        try (DeleteSpan span = DeleteSpan.start(context, batch.stream().map(Pending::links).toList())) {
            try {
                failed = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl.get()).entries(entries)).failed().stream()
                        .collect(Collectors.toMap(BatchResultErrorEntry::id, f -> f));
            } catch (SdkException e) {
                span.failed(e.toString());
                // the messages come back after their visibility timeout; the idempotent repository skips them
                LOG.warn("Could not delete {} delivered messages (they come back after their visibility timeout): {}",
                        batch.size(), e.toString());
                return;
            }
            if (!failed.isEmpty()) {
                span.failed(failed.size() + " of " + batch.size() + " messages not deleted");
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending message = batch.get(i);
            BatchResultErrorEntry failure = failed.get(String.valueOf(i));
            if (failure != null) {
                LOG.warn("Could not delete delivered message {} (it comes back after its visibility timeout): {} {}",
                        message.messageId(), failure.code(), failure.message());
            } else {
                message.afterDelete().run();
            }
        }
    }

    @Override
    protected void doStart() {
        timer = ScheduledPools.unbounded(context, this, "ChainMessageDeletes", DELETERS);
    }

    /**
     * Runs after the consumer route stopped: the last completed exchanges' messages are deleted, not handed out again.
     */
    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdown(timer);
            timer = null;
        }
        flush();
    }
}
