package io.sqsextended.chain.consumer.queues;

import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A FIFO queue as the start of a consume route ({@code chain-fifo://<queue name>}): Camel's aws2-sqs consumer hands a
 * receive's messages over all at once and sends no ReceiveRequestAttemptId; {@link FifoConsumer} hands each message
 * group's messages over one at a time, in order.
 */
public final class FifoEndpoint extends DefaultEndpoint {

    private final SourceQueue queue;
    private final SqsClient sqs;
    private final int waitTimeSeconds;
    private final int maxHeld;
    private final Predicate<Exchange> holdsGroup;

    /**
     * @param maxHeld    messages held at most (processed, or waiting behind their group's): no receive beyond
     * @param holdsGroup whether a completed exchange left its message on the queue (failed, or kept): the messages of
     *                   its group received after it are let go, so that SQS hands them out again after it
     */
    public FifoEndpoint(CamelContext context, SourceQueue queue, SqsClient sqs, int waitTimeSeconds, int maxHeld,
            Predicate<Exchange> holdsGroup) {
        super("chain-fifo://" + queue.name(), null);
        setCamelContext(context);
        this.queue = queue;
        this.sqs = sqs;
        this.waitTimeSeconds = waitTimeSeconds;
        this.maxHeld = maxHeld;
        this.holdsGroup = holdsGroup;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        return new FifoConsumer(this, processor);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("A FIFO source queue is consumed, never sent to through " + this);
    }

    SourceQueue queue() {
        return queue;
    }

    SqsClient sqs() {
        return sqs;
    }

    int waitTimeSeconds() {
        return waitTimeSeconds;
    }

    int maxHeld() {
        return maxHeld;
    }

    boolean holdsGroup(Exchange exchange) {
        return holdsGroup.test(exchange);
    }
}
