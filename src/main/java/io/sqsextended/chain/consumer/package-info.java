/**
 * The consumer chain: the queue consumer and its poll gate, the delivery to the downstream route (bounded by the
 * downstream timeout), redelivery and the dead-letter channel with its failure reason, batched deletes, the
 * idempotent repository of delivered keys, and the loading of user YAML routes. What a message says is read in
 * {@code consumer.events}; the payload is fetched in {@code consumer.payload}.
 */
package io.sqsextended.chain.consumer;
