package io.sqsextended.chain.config.setting;

/**
 * The stack's resources: from the configuration in aws mode, from the template's Outputs in local mode.
 *
 * @param bucket          payload bucket
 * @param queue           notification queue name
 * @param deadLetterQueue dead-letter queue name
 * @param queueUrl        the notification queue's URL when known without asking SQS (local mode), else null
 */
public record ChainResources(String bucket, String queue, String deadLetterQueue, String queueUrl) {
}
