/**
 * What operators see and do.
 * <ul>
 * <li>{@code ChainOperationsMBean}, {@code ChainOperations}: the {@code io.sqsextended:type=Chain} MBean (counters,
 * pause and resume, local mode's faults) and its Micrometer meters;</li>
 * <li>{@code ChainCounters} (counts from Camel's events), {@code DeadLetterQueues} (each source queue's, their depth),
 * {@code DeadLetterRedrive} (one dead-letter queue back to its queue, FIFO included);</li>
 * <li>{@code AwsReachableCheck}, {@code IdempotencyStoreCheck} (readiness);</li>
 * <li>{@code ManagementConfiguration} (registers them).</li>
 * </ul>
 */
package io.sqsextended.chain.management;
