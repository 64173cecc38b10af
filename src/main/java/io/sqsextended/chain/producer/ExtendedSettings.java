package io.sqsextended.chain.producer;

import io.sqsextended.chain.wire.PayloadPointer;
import io.sqsextended.chain.wire.S3Limits;
import io.sqsextended.chain.wire.SqsLimits;

/**
 * How large payloads are offloaded ({@code chain.extended.*}).
 *
 * @param bucket               bucket the payloads go to
 * @param keyPrefix            key prefix of offloaded payloads; outside the notified input prefix
 * @param threshold            body plus attributes above this many bytes go through S3 (at most 1 MiB)
 * @param alwaysThroughS3      offload every payload, whatever its size
 * @param legacyAttributeName write {@code SQSLargePayloadSize} (Java
 * library default) instead of {@code ExtendedPayloadSize}
 * @param kmsKeyId             SSE-KMS key for offloaded objects, or null for the bucket's default encryption
 * @param partSize             part size of streamed multipart uploads (at least 5 MiB)
 */
public record ExtendedSettings(String bucket, String keyPrefix, int threshold, boolean alwaysThroughS3,
                               boolean legacyAttributeName, String kmsKeyId, int partSize) {

    public ExtendedSettings {
        if (threshold < 0 || threshold > SqsLimits.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException(ProducerSettings.THRESHOLD.name() + " must be between 0 and "
                    + SqsLimits.MAX_MESSAGE_SIZE + ", not " + threshold);
        }
        if (partSize < S3Limits.MIN_PART_SIZE) {
            throw new IllegalArgumentException(ProducerSettings.PART_SIZE.name() + " must be at least "
                    + S3Limits.MIN_PART_SIZE + " (S3's minimum part size)");
        }
    }

    public String sizeAttributeName() {
        return legacyAttributeName ? PayloadPointer.LEGACY_SIZE_ATTRIBUTE : PayloadPointer.SIZE_ATTRIBUTE;
    }
}
