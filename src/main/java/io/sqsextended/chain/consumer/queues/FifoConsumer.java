package io.sqsextended.chain.consumer.queues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2HeaderFilterStrategy;
import org.apache.camel.component.aws2.sqs.Sqs2MessageHelper;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Consumes a FIFO queue: one poller receives (with a ReceiveRequestAttemptId, reused when a receive is retried after a
 * failure, as SQS asks) while fewer than the limit are held; within a message group one message is processed at a
 * time, in order, groups in parallel on the route's workers. A message that stays on the queue (its exchange failed,
 * or another delivery holds its payload) lets go of the ones of its group behind it, so that SQS hands them out again
 * after it, in order. The visibility of every message held is renewed until it is done, the waiting ones included.
 */
final class FifoConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(FifoConsumer.class);
    private static final int MAX_RECEIVE = 10;
    private static final long RETRY_MILLIS = 1000;
    /** Between short receives while groups are held: a group is free again on SQS once its message is deleted. */
    private static final long RECHECK_MILLIS = 25;
    /** SQS keeps a receive's attempt id for 5 minutes; a retry after that takes a new one. */
    private static final long ATTEMPT_ID_NANOS = TimeUnit.MINUTES.toNanos(4);
    private static final Sqs2HeaderFilterStrategy HEADER_FILTER = new Sqs2HeaderFilterStrategy();

    private final FifoEndpoint endpoint;
    private final SourceQueue queue;
    private final SqsClient sqs;
    private final MessageGroups groups = new MessageGroups();
    private ExecutorService poller;
    private ScheduledExecutorService renewals;
    private volatile boolean running;

    FifoConsumer(FifoEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.queue = endpoint.queue();
        this.sqs = endpoint.sqs();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        queue.readAttributes(sqs);
        running = true;
        var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        poller = executors.newSingleThreadExecutor(this, "ChainFifoPoller " + queue.name());
        poller.execute(this::poll);
        renewals = executors.newSingleThreadScheduledExecutor(this, "ChainFifoVisibility " + queue.name());
        long every = Math.max(1, queue.visibilitySeconds() / 2);
        renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (poller != null) {
            // cuts the long poll under way
            executors.shutdownNow(poller);
        }
        makeVisible(groups.releaseWaiting());
        if (renewals != null) {
            executors.shutdownNow(renewals);
        }
        super.doStop();
    }

    private void poll() {
        String attemptId = null;
        long attemptStarted = 0;
        while (running) {
            int room = Math.min(MAX_RECEIVE, endpoint.maxHeld() - groups.size());
            if (room <= 0) {
                pause(50);
                continue;
            }
            if (attemptId == null || System.nanoTime() - attemptStarted > ATTEMPT_ID_NANOS) {
                attemptId = UUID.randomUUID().toString();
                attemptStarted = System.nanoTime();
            }
            String attempt = attemptId;
            // a long poll does not end when a group held here is freed: while groups are held, short receives
            boolean holding = groups.size() > 0;
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(queue.url().get()).maxNumberOfMessages(room)
                        .waitTimeSeconds(holding ? 0 : endpoint.waitTimeSeconds())
                        .visibilityTimeout(queue.visibilitySeconds())
                        .receiveRequestAttemptId(attempt).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                attemptId = null;
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                // an answer maybe lost (none, a 5xx) keeps the id, SQS then answers again; an id refused stays refused
                boolean unanswered = !(e instanceof AwsServiceException refused) || refused.statusCode() >= 500;
                if (!unanswered) {
                    attemptId = null;
                }
                LOG.warn("Receive from FIFO queue {} failed, retried with {} attempt id: {}", queue.name(),
                        unanswered ? "the same" : "a new", e.getMessage());
                pause(RETRY_MILLIS);
                continue;
            }
            if (!running) {
                // stopped during the receive: another instance, or the next start, takes them in order
                makeVisible(messages);
                return;
            }
            groups.add(messages).forEach(this::process);
            if (messages.isEmpty() && holding) {
                pause(RECHECK_MILLIS);
            }
        }
    }

    /** Hands the message to the route; when its exchange is done, the next of its group follows. */
    private void process(Message message) {
        Exchange exchange = createExchange(false);
        // the headers Camel's aws2-sqs consumer sets, so a downstream sees a FIFO queue's message as a standard one's
        exchange.getIn().setHeaders(new HashMap<>(message.attributesAsStrings()));
        exchange.getIn().setBody(message.body());
        exchange.getIn().setHeader(Sqs2Constants.MESSAGE_ID, message.messageId());
        exchange.getIn().setHeader(Sqs2Constants.MD5_OF_BODY, message.md5OfBody());
        exchange.getIn().setHeader(Sqs2Constants.RECEIPT_HANDLE, message.receiptHandle());
        exchange.getIn().setHeader(Sqs2Constants.ATTRIBUTES, message.attributes());
        exchange.getIn().setHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, message.messageAttributes());
        message.messageAttributes().forEach((name, value) -> {
            Object header = Sqs2MessageHelper.fromMessageAttributeValue(value);
            if (!HEADER_FILTER.applyFilterToExternalHeaders(name, header, exchange)) {
                exchange.getIn().setHeader(name, header);
            }
        });
        getAsyncProcessor().process(exchange, doneSync -> done(message, exchange));
    }

    private void done(Message message, Exchange exchange) {
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Message " + message.messageId() + " of FIFO queue " + queue.name()
                    + " stays on the queue", exchange, exchange.getException());
        }
        if (endpoint.holdsGroup(exchange)) {
            List<Message> released = groups.release(message);
            if (!released.isEmpty()) {
                LOG.info("Message {} of group {} stays on FIFO queue {}: the {} after it go back to the queue, "
                        + "to follow it in order", message.messageId(), MessageGroups.groupOf(message), queue.name(),
                        released.size());
            }
            makeVisible(released);
            return;
        }
        Message next = groups.next(message);
        if (next != null && running) {
            process(next);
        } else if (next != null) {
            List<Message> rest = new ArrayList<>(groups.release(next));
            rest.add(0, next);
            makeVisible(rest);
        }
    }

    /** Keeps every message held hidden, the ones waiting behind their group's included. */
    private void renew() {
        changeVisibility(groups.held(), queue.visibilitySeconds());
    }

    private void makeVisible(Collection<Message> messages) {
        changeVisibility(messages, 0);
    }

    private void changeVisibility(Collection<Message> messages, int seconds) {
        List<Message> all = List.copyOf(messages);
        for (int from = 0; from < all.size(); from += MAX_RECEIVE) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> batch = all.subList(from, Math.min(all.size(), from + MAX_RECEIVE));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            try {
                // a message deleted meanwhile fails its entry, and nothing is lost
                sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queue.url().get()).entries(entries));
            } catch (SdkException e) {
                LOG.warn("Could not change the visibility of {} messages of FIFO queue {} (they come back after "
                        + "their visibility timeout): {}", entries.size(), queue.name(), e.getMessage());
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
