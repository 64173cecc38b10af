package io.sqsextended.chain.config;

/**
 * The stack's resources: from the configuration in aws mode, from the template's Outputs in local mode.
 *
 * @param bucket          payload bucket
 * @param queue           notification queue name
 * @param deadLetterQueue dead-letter queue name
 */
public record Resources(String bucket, String queue, String deadLetterQueue) {
}
