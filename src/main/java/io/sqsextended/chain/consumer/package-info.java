/**
 * The consumer chain, from the queue to the downstream route; what a message says is read in
 * {@code consumer.events}, the payload fetched in {@code consumer.payload}, delivered keys kept in
 * {@code consumer.idempotency}, the queues consumed in {@code consumer.queues}, a payload's way out (the downstream
 * call, the dead-letter queue) in {@code consumer.delivery}.
 * <ul>
 * <li>{@code ConsumerRoutes} ({@code chain-consume}, {@code chain-deliver}, {@code chain-dead-letter}),
 * {@code ConsumerSettings} ({@code chain.consumer.*}), {@code ConsumerConfiguration} (workers, idempotent
 * repository);</li>
 * <li>{@code PollGate} (receives while work is short, shared by the queues' routes);</li>
 * <li>{@code Duplicates} (a payload not admitted), {@code MessageDeletes} (batched deletes once an exchange
 * completed);</li>
 * <li>{@code ConsumerErrorHandling} ({@code chain-errors}: redelivery, dead-letter channel);</li>
 * <li>{@code UserRoutes} (YAML and Java routes of {@code chain.routes.dir}), {@code RouteFileReload}.</li>
 * </ul>
 */
package io.sqsextended.chain.consumer;
