/**
 * The queues the consumer chain reads ({@code chain.consumer.queues}), standard or FIFO, each read as its route starts.
 * <ul>
 * <li>{@code SourceQueues} (the queues and their routes, read at start), {@code SourceQueue} (one queue: visibility,
 * dead-letter queue).</li>
 * </ul>
 */
package io.sqsextended.chain.consumer.queues;
