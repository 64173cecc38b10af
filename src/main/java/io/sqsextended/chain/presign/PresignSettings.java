package io.sqsextended.chain.presign;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelContext;

/**
 * Settings of the presign API ({@code chain.presign.*}, {@code chain.upload.*}, {@code chain.download.*}),
 * checked against S3's limits at start-up so that a wrong value stops the start instead of failing requests.
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

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024 * MIB;
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * GIB;
    public static final long MAX_SINGLE_PUT = 5 * GIB;
    public static final long MAX_OBJECT_SIZE = 5 * 1024 * GIB;
    public static final int MAX_PARTS = 10_000;
    public static final Duration MAX_TTL = Duration.ofDays(7);

    static final String DEFAULT_CONTENT_TYPES = "application/octet-stream,application/json,application/xml,text/plain,"
            + "text/csv,application/gzip,application/zip,application/pdf,image/png,image/jpeg,image/gif,image/webp";


    public PresignSettings {
        require(!inputPrefix.isEmpty(), "chain.input-prefix must not be empty");
        require(!downloadPrefixes.isEmpty() && downloadPrefixes.stream().noneMatch(String::isEmpty),
                "chain.download.allowed-prefixes must list non-empty prefixes");
        require(!ttl.minusSeconds(1).isNegative() && ttl.compareTo(MAX_TTL) <= 0,
                "chain.presign.ttl must be between 1 s and 7 days (the SigV4 limit), not " + ttl);
        require(maxSize > 0 && maxSize <= MAX_OBJECT_SIZE, "chain.upload.max-size must be between 1 byte and 5 TiB");
        require(multipartThreshold > 0 && multipartThreshold <= MAX_SINGLE_PUT,
                "chain.upload.multipart-threshold must be between 1 byte and 5 GiB (the largest single PUT)");
        require(partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE, "chain.upload.part-size must be between 5 MiB and 5 GiB");
        require(!allowedContentTypes.isEmpty(), "chain.upload.allowed-content-types must not be empty");
        downloadPrefixes = List.copyOf(downloadPrefixes);
        allowedContentTypes = List.copyOf(allowedContentTypes);
    }

    public static PresignSettings from(CamelContext context) {
        String inputPrefix = ChainProperties.get(context, "chain.input-prefix").orElse("input/");
        return new PresignSettings(
                inputPrefix,
                list(ChainProperties.get(context, "chain.download.allowed-prefixes").orElse(inputPrefix)),
                ChainProperties.duration("chain.presign.ttl", ChainProperties.get(context, "chain.presign.ttl").orElse("15m")),
                ChainProperties.size("chain.upload.max-size", ChainProperties.get(context, "chain.upload.max-size").orElse("5GiB")),
                ChainProperties.size("chain.upload.multipart-threshold",
                        ChainProperties.get(context, "chain.upload.multipart-threshold").orElse("100MiB")),
                ChainProperties.size("chain.upload.part-size", ChainProperties.get(context, "chain.upload.part-size").orElse("16MiB")),
                list(ChainProperties.get(context, "chain.upload.allowed-content-types").orElse(DEFAULT_CONTENT_TYPES)));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
