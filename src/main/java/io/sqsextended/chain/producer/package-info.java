/**
 * The extended producer: payloads sent the way the AWS SQS Extended Client libraries do (large ones offloaded to S3 in
 * a streamed multipart upload, a pointer on SQS), wire-compatible with them.
 * <ul>
 * <li>{@code ExtendedPublisher} (inline or offload), {@code PayloadUploads} (its S3 side), {@code OutgoingMessage},
 * {@code PublishResult}, {@code PublishException};</li>
 * <li>{@code QueueKinds} (standard or FIFO, deduplicating by content or not: read once per queue),
 * {@code FifoIdException};</li>
 * <li>{@code PublishRoutes} ({@code direct:publish}, {@code POST /v1/messages}), {@code MessagesEndpoint};</li>
 * <li>{@code ProducerConfiguration} (the beans), {@code ProducerSettings}, {@code ExtendedSettings},
 * {@code QueueUrls}.</li>
 * </ul>
 */
package io.sqsextended.chain.producer;
