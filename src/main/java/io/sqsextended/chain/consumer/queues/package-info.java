/**
 * The queues the consumer chain reads ({@code chain.consumer.queues}), standard or FIFO, each read as its route starts.
 * <ul>
 * <li>{@code SourceQueues} (the queues and their routes, read at start), {@code SourceQueue} (one queue: visibility,
 * dead-letter queue);</li>
 * <li>{@code FifoEndpoint}, {@code FifoConsumer} (a FIFO queue: each message group one message at a time, in order;
 * receive attempt ids; visibility renewed while messages wait), {@code MessageGroups} (the messages held, by
 * group).</li>
 * </ul>
 */
package io.sqsextended.chain.consumer.queues;
