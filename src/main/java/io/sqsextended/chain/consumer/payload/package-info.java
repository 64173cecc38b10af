/**
 * A payload reference made into what the downstream route receives: one streamed GET (re-opened with
 * {@code If-Match} on redelivery), the presigned download URL, the payload headers, and the clean-up of delivered
 * objects after their message was deleted.
 */
package io.sqsextended.chain.consumer.payload;
