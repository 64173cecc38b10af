/**
 * What operators see and do: the {@code io.sqsextended:type=Chain} MBean (counters, pause, dead-letter redrive),
 * Micrometer meters, and the health checks (AWS reachable, idempotency store).
 */
package io.sqsextended.chain.management;
