package io.sqsextended.chain.presign;

import java.time.Duration;
import java.util.List;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.wire.S3Limits;

/**
 * Settings of the presign API ({@code chain.presign.*}, {@code chain.upload.*}, {@code chain.download.*}; the input
 * prefix is {@link ChainKeys#INPUT_PREFIX}, which the consumer reads too), checked against S3's limits at start-up so
 * that a wrong value stops the start instead of failing requests.
 *
 * @param inputPrefix         prefix of every upload key
 * @param downloadPrefixes    prefixes consumers may download from
 * @param ttl                 lifetime of presigned URLs (at most 7 days, and cut to the credentials' expiry)
 * @param maxSize             largest upload in bytes
 * @param multipartThreshold  uploads larger than this get a multipart plan
 * @param partSize            preferred part size of multipart plans (grows for uploads of more than 10,000 parts)
 * @param allowedContentTypes media types producers may upload ({@code type/subtype}, {@code type/*} or {@code * /*})
 */
public record PresignSettings(String inputPrefix, List<String> downloadPrefixes, Duration ttl, long maxSize,
                              long multipartThreshold, long partSize, List<String> allowedContentTypes) {

    public static final Setting<Duration> TTL = Setting.duration("chain.presign.ttl", "15m",
            "lifetime of presigned URLs");
    public static final Setting<Long> UPLOAD_MAX_SIZE = Setting.size("chain.upload.max-size", "5GiB", "largest upload");
    public static final Setting<Long> UPLOAD_MULTIPART_THRESHOLD = Setting.size("chain.upload.multipart-threshold",
            "100MiB", "uploads larger than this get a multipart plan");
    public static final Setting<Long> UPLOAD_PART_SIZE = Setting.size("chain.upload.part-size", "16MiB",
            "part size of multipart plans");
    // active content (text/html, image/svg+xml) left out: it would be served from the bucket
    public static final Setting<List<String>> UPLOAD_CONTENT_TYPES = Setting.list("chain.upload.allowed-content-types",
            "application/octet-stream,application/json,application/xml,text/plain,text/csv,application/gzip,"
                    + "application/zip,application/pdf,image/png,image/jpeg,image/gif,image/webp",
            "content types producers may upload");
    public static final Setting<List<String>> DOWNLOAD_PREFIXES = Setting.list("chain.download.allowed-prefixes",
            null, "key prefixes consumers may download from; unset: chain.input-prefix");

    public static final SettingsGroup<PresignSettings> GROUP =
            SettingsGroup.of(PresignSettings.class, PresignSettings::read);

    public PresignSettings {
        require(!inputPrefix.isEmpty(), ChainKeys.INPUT_PREFIX.name() + " must not be empty");
        require(!downloadPrefixes.isEmpty() && downloadPrefixes.stream().noneMatch(String::isEmpty),
                DOWNLOAD_PREFIXES.name() + " must list non-empty prefixes");
        require(!ttl.minusSeconds(1).isNegative() && ttl.compareTo(S3Limits.MAX_PRESIGN_TTL) <= 0,
                TTL.name() + " must be between 1 s and 7 days (the SigV4 limit), not " + ttl);
        require(maxSize > 0 && maxSize <= S3Limits.MAX_OBJECT_SIZE,
                UPLOAD_MAX_SIZE.name() + " must be between 1 byte and 5 TiB");
        require(multipartThreshold > 0 && multipartThreshold <= S3Limits.MAX_SINGLE_PUT,
                UPLOAD_MULTIPART_THRESHOLD.name() + " must be between 1 byte and 5 GiB (the largest single PUT)");
        require(partSize >= S3Limits.MIN_PART_SIZE && partSize <= S3Limits.MAX_PART_SIZE,
                UPLOAD_PART_SIZE.name() + " must be between 5 MiB and 5 GiB");
        require(!allowedContentTypes.isEmpty(), UPLOAD_CONTENT_TYPES.name() + " must not be empty");
        downloadPrefixes = List.copyOf(downloadPrefixes);
        allowedContentTypes = List.copyOf(allowedContentTypes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static PresignSettings read(ConfigReader in) {
        String inputPrefix = in.get(ChainKeys.INPUT_PREFIX);
        List<String> downloads = in.isSet(DOWNLOAD_PREFIXES) ? in.get(DOWNLOAD_PREFIXES) : List.of(inputPrefix);
        String fallbackPrefix = ChainKeys.INPUT_PREFIX.defaultValue();
        PresignSettings fallback = new PresignSettings(fallbackPrefix, List.of(fallbackPrefix), Duration.ofMinutes(15),
                S3Limits.GIB, S3Limits.GIB, S3Limits.MIN_PART_SIZE, List.of("*/*"));
        return in.build(() -> new PresignSettings(inputPrefix, downloads, in.get(TTL), in.get(UPLOAD_MAX_SIZE),
                in.get(UPLOAD_MULTIPART_THRESHOLD), in.get(UPLOAD_PART_SIZE), in.get(UPLOAD_CONTENT_TYPES)), fallback);
    }
}
