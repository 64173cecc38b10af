package io.sqsextended.chain.management;

import java.util.Map;

/** The chain for operators, as {@code io.sqsextended:type=Chain} (JConsole, VisualVM, Jolokia, jmxterm). */
public interface ChainOperationsMBean {

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

    /** {@link #getPayloadsDelivered()} by source queue ({@code chain.consumer.queues}). */
    Map<String, Long> getPayloadsDeliveredByQueue();

    Map<String, Long> getDeliveryFailuresByQueue();

    Map<String, Long> getMessagesDeadLetteredByQueue();

    Map<String, Integer> getInFlightByQueue();

    /** Whether each source queue's route polls it. */
    Map<String, Boolean> getConsumingByQueue();

    /** Messages waiting on the notification queue's dead-letter queue (SQS's approximate count). */
    long getDeadLetterQueueDepth();

    /** By source queue: messages waiting on the dead-letter queue its RedrivePolicy names (each read from SQS now). */
    Map<String, Long> getDeadLetterQueueDepthByQueue();

    /** Whether a consume route polls its queue. */
    boolean isConsuming();

    /** Moves up to {@code max} messages from the dead-letter queue back to the notification queue; returns how many. */
    int redriveDeadLetters(int max);

    /**
     * Moves up to {@code max} messages from the dead-letter queue of source queue {@code queue} back to it (a FIFO
     * queue: each to its message group, a group's in their order); returns how many. A queue not consumed is refused.
     */
    int redriveDeadLettersOf(String queue, int max);

    /** Stops polling every source queue; in-flight messages finish. */
    void pauseConsumer() throws Exception;

    void resumeConsumer() throws Exception;

    /** Stops polling one source queue (by name); its in-flight messages finish. */
    void pauseQueue(String queue) throws Exception;

    void resumeQueue(String queue) throws Exception;

    /**
     * Latency local mode adds to every request of its embedded S3 and SQS, as {@code chain.local.latency} takes it
     * ({@code 20ms}, {@code 20ms+-5ms}, {@code s3=20ms,sqs=15ms}); {@code none} in aws mode.
     */
    String getLocalLatency();

    /** From the next request on; refused in aws mode and for a value {@code chain.local.latency} would refuse. */
    void setLocalLatency(String latency);

    /**
     * Share of requests local mode answers with an error, as {@code chain.local.faults} takes it
     * ({@code s3=0.01:503,sqs=0.005:500}).
     */
    String getLocalFaults();

    /** From the next request on; refused in aws mode and for a value {@code chain.local.faults} would refuse. */
    void setLocalFaults(String faults);
}
