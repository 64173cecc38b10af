package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.List;

import io.sqsextended.chain.wire.S3Limits;

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

    public PresignSettings {
        require(!inputPrefix.isEmpty(), ChainKeys.INPUT_PREFIX.name() + " must not be empty");
        require(!downloadPrefixes.isEmpty() && downloadPrefixes.stream().noneMatch(String::isEmpty),
                ChainKeys.DOWNLOAD_PREFIXES.name() + " must list non-empty prefixes");
        require(!ttl.minusSeconds(1).isNegative() && ttl.compareTo(S3Limits.MAX_PRESIGN_TTL) <= 0,
                ChainKeys.PRESIGN_TTL.name() + " must be between 1 s and 7 days (the SigV4 limit), not " + ttl);
        require(maxSize > 0 && maxSize <= S3Limits.MAX_OBJECT_SIZE, ChainKeys.UPLOAD_MAX_SIZE.name() + " must be between 1 byte and 5 TiB");
        require(multipartThreshold > 0 && multipartThreshold <= S3Limits.MAX_SINGLE_PUT,
                ChainKeys.UPLOAD_MULTIPART_THRESHOLD.name() + " must be between 1 byte and 5 GiB (the largest single PUT)");
        require(partSize >= S3Limits.MIN_PART_SIZE && partSize <= S3Limits.MAX_PART_SIZE, ChainKeys.UPLOAD_PART_SIZE.name() + " must be between 5 MiB and 5 GiB");
        require(!allowedContentTypes.isEmpty(), ChainKeys.UPLOAD_CONTENT_TYPES.name() + " must not be empty");
        downloadPrefixes = List.copyOf(downloadPrefixes);
        allowedContentTypes = List.copyOf(allowedContentTypes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
