package io.sqsextended.chain.tracing;

/**
 * Camel's span of a message of a FIFO source queue, whose route starts at the consumer's own endpoint
 * ({@code chain-fifo://<queue name>}, io.sqsextended.chain.consumer.queues.FifoEndpoint): the same {@code receive}
 * as a standard queue's, continuing the message's trace. Without a decorator of its scheme Camel's tracer would look
 * one up by the endpoint's component, which it has none of.
 */
public class FifoSpanDecorator extends SqsSpanDecorator {

    @Override
    public String getComponent() {
        return "chain-fifo";
    }

    @Override
    public String getComponentClassName() {
        // found by its scheme: the endpoint belongs to no component
        return FifoSpanDecorator.class.getName();
    }
}
