package io.sqsextended.chain.producer;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.wire.S3Limits;
import io.sqsextended.chain.wire.SqsLimits;

/**
 * Settings of the extended producer ({@code chain.extended.*}; its key prefix is {@link ChainKeys#EXTENDED_KEY_PREFIX},
 * which the consumer reads too). The bucket and queue default to the stack's.
 *
 * @param queue    queue it publishes to
 * @param extended how it offloads
 */
public record ProducerSettings(String queue, ExtendedSettings extended) {

    public static final String PREFIX = "chain.extended.";
    public static final Setting<String> QUEUE = Setting.text(PREFIX + "queue", null,
            "queue the producer publishes to; unset: chain.queue");
    public static final Setting<String> BUCKET = Setting.text(PREFIX + "bucket", null,
            "bucket offloaded payloads go to; unset: chain.bucket");
    public static final Setting<Long> THRESHOLD = Setting.size(PREFIX + "threshold", "262144",
            "body plus attributes above this many bytes are offloaded").require(bytes -> bytes <= Integer.MAX_VALUE,
            "must be at most " + SqsLimits.MAX_MESSAGE_SIZE);
    public static final Setting<Boolean> ALWAYS_THROUGH_S3 = Setting.bool(PREFIX + "always-through-s3", "false",
            "offload every payload");
    public static final Setting<Boolean> LEGACY_SIZE_ATTRIBUTE = Setting.bool(PREFIX + "legacy-size-attribute",
            "false", "size attribute SQSLargePayloadSize instead of ExtendedPayloadSize");
    public static final Setting<String> SSE_KMS_KEY_ID = Setting.text(PREFIX + "sse-kms-key-id", null,
            "SSE-KMS key for offloaded objects");
    // one part is held in memory
    public static final Setting<Long> PART_SIZE = Setting.size(PREFIX + "part-size", "8388608",
            "part size for streams of unknown length").require(bytes -> bytes <= Integer.MAX_VALUE,
            "must be below 2 GiB (one part is held in memory)");

    public static final SettingsGroup<ProducerSettings> GROUP =
            SettingsGroup.of(ProducerSettings.class, ProducerSettings::read);

    private static ProducerSettings read(ConfigReader in) {
        String bucket = in.get(BUCKET) == null ? in.resources().bucket() : in.get(BUCKET);
        long threshold = in.get(THRESHOLD);
        long partSize = in.get(PART_SIZE);
        ExtendedSettings extended = in.build(() -> new ExtendedSettings(bucket, in.get(ChainKeys.EXTENDED_KEY_PREFIX),
                (int) threshold, in.get(ALWAYS_THROUGH_S3), in.get(LEGACY_SIZE_ATTRIBUTE), in.get(SSE_KMS_KEY_ID),
                (int) partSize),
                new ExtendedSettings(bucket, ChainKeys.EXTENDED_KEY_PREFIX.defaultValue(), 0, false, false, null,
                        (int) S3Limits.MIN_PART_SIZE));
        return new ProducerSettings(in.get(QUEUE) == null ? in.resources().queue() : in.get(QUEUE), extended);
    }
}
