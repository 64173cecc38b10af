package io.sqsextended.chain.management;

/** The chain for operators, as {@code io.sqsextended:type=Chain} (JConsole, VisualVM, Jolokia, jmxterm). */
public interface ChainMBean {

    /** Payloads the downstream route accepted. */
    long getPayloadsDelivered();

    /** Deliveries the downstream route failed (each attempt counts). */
    long getDeliveryFailures();

    /** SQS messages moved to the dead-letter queue by the chain. */
    long getMessagesDeadLettered();

    /** Bytes of the payloads delivered (their size when the downstream took them). */
    long getBytesDelivered();

    long getPresignsIssued();

    long getPresignsRefused();

    /** SQS messages being processed now. */
    int getInFlight();

    /** Messages waiting on the dead-letter queue (SQS's approximate count). */
    long getDeadLetterQueueDepth();

    /** Whether the consumer route polls the notification queue. */
    boolean isConsuming();

    /** Moves up to {@code max} messages from the dead-letter queue back to the notification queue; returns how many. */
    int redriveDeadLetters(int max);

    /** Stops polling the notification queue; in-flight messages finish. */
    void pauseConsumer() throws Exception;

    void resumeConsumer() throws Exception;
}
