package io.sqsextended.chain.extended;

import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelContext;

/**
 * How large payloads are offloaded ({@code chain.extended.*}).
 *
 * @param bucket               bucket the payloads go to
 * @param keyPrefix            key prefix of offloaded payloads; outside the notified input prefix
 * @param threshold            body plus attributes above this many bytes go through S3 (at most 1 MiB)
 * @param alwaysThroughS3      offload every payload, whatever its size
 * @param legacyAttributeName  write {@code SQSLargePayloadSize} (Java library default) instead of {@code ExtendedPayloadSize}
 * @param kmsKeyId             SSE-KMS key for offloaded objects, or null for the bucket's default encryption
 * @param partSize             part size of streamed multipart uploads (at least 5 MiB)
 */
public record ExtendedSettings(String bucket, String keyPrefix, int threshold, boolean alwaysThroughS3,
                               boolean legacyAttributeName, String kmsKeyId, int partSize) {

    /** The SQS message size limit, attributes included, since August 2025. */
    public static final int SQS_MAX_MESSAGE_SIZE = 1_048_576;
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public ExtendedSettings {
        if (threshold < 0 || threshold > SQS_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("chain.extended.threshold must be between 0 and " + SQS_MAX_MESSAGE_SIZE + ", not " + threshold);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("chain.extended.part-size must be at least " + MIN_PART_SIZE + " (S3's minimum part size)");
        }
    }

    public static ExtendedSettings from(CamelContext context) {
        return new ExtendedSettings(
                ChainProperties.get(context, "chain.extended.bucket").orElseGet(() -> ChainProperties.require(context, "chain.bucket")),
                ChainProperties.get(context, "chain.extended.key-prefix").orElse("offload/"),
                ChainProperties.getInt(context, "chain.extended.threshold", 262_144),
                ChainProperties.get(context, "chain.extended.always-through-s3").map(Boolean::parseBoolean).orElse(false),
                ChainProperties.get(context, "chain.extended.legacy-size-attribute").map(Boolean::parseBoolean).orElse(false),
                ChainProperties.get(context, "chain.extended.sse-kms-key-id").orElse(null),
                ChainProperties.getInt(context, "chain.extended.part-size", 8 * 1024 * 1024));
    }

    public String sizeAttributeName() {
        return legacyAttributeName ? PayloadPointer.LEGACY_SIZE_ATTRIBUTE : PayloadPointer.SIZE_ATTRIBUTE;
    }
}
