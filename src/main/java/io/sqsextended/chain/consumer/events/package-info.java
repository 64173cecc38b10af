/**
 * What a queue message says: S3 event notifications (direct, wrapped in SNS, from EventBridge), pointers of the AWS
 * SQS Extended Client libraries, inline bodies; each becomes payload references or a refusal with its reason.
 * <ul>
 * <li>{@code MessageParser} (the one entry: a new input format goes here), {@code IncomingMessage},
 * {@code PayloadReference} (with the idempotency key), {@code PayloadRefusedException};</li>
 * <li>{@code S3EventRecords} (S3 events as AWS, MinIO, Ceph RGW, LocalStack, moto and EventBridge write them);</li>
 * <li>{@code SnsEnvelope}, {@code SnsSignatures}, {@code EventBridgeEnvelope};</li>
 * <li>{@code TrustSettings} (what messages may name), {@code PointerGrant} (where pointers may point).</li>
 * </ul>
 */
package io.sqsextended.chain.consumer.events;
