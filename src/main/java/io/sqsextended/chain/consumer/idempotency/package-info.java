/**
 * Where the consumer remembers delivered payloads.
 * <ul>
 * <li>{@code DeliveredKeysFile} (one instance, local mode's default);</li>
 * <li>{@code SharedIdempotencyStore}, {@code ClaimsTable} (PostgreSQL, shared by the instances on a queue: claims,
 * renewal, take-over);</li>
 * <li>{@code StoreHealth} (what readiness asks of a store), {@code IdempotencyStoreUnavailableException}.</li>
 * </ul>
 */
package io.sqsextended.chain.consumer.idempotency;
