/**
 * Where the consumer remembers delivered payloads: a file (local mode's default, one instance), or a database that the
 * instances on one queue share ({@link io.sqsextended.chain.consumer.idempotency.SharedIdempotencyStore}).
 */
package io.sqsextended.chain.consumer.idempotency;
