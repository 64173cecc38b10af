/**
 * What a queue message says: S3 event notifications (direct, wrapped in SNS with optional signature checks, or from
 * EventBridge), pointers of the AWS SQS Extended Client libraries, inline bodies; each becomes a payload reference
 * or a refusal with its reason. To add an input format, add it to {@link io.sqsextended.chain.consumer.events.MessageParser}.
 */
package io.sqsextended.chain.consumer.events;
