/**
 * A payload's way out of the consumer chain: the downstream route, called within its timeout on threads of its own,
 * or the dead-letter queue with the reason. Knows nothing of the routes that use it ({@code consumer}).
 * <ul>
 * <li>{@code DownstreamCall} (the downstream within {@code chain.consumer.downstream-timeout}, on
 * {@code ChainDownstream} threads);</li>
 * <li>{@code DeadLetterSender} (the original message and the reason attributes on the dead-letter queue),
 * {@code FailureReason} (the reason's codes);</li>
 * <li>{@code ScheduledPools} (the chain's scheduled pools, without Camel's queue limit: workers, deletes,
 * timeouts).</li>
 * </ul>
 */
package io.sqsextended.chain.consumer.delivery;
