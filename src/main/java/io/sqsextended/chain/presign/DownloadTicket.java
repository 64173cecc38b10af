package io.sqsextended.chain.presign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.PayloadSha256;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Answer of {@code POST /v1/downloads}: a presigned GET of an existing object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DownloadTicket(
        String bucket,
        String key,
        @Schema(description = "Always GET")
        String method,
        @Schema(description = "Presigned URL; no headers needed")
        String url,
        @Schema(description = "When the URL stops working (ISO-8601)")
        String expiresAt,
        @Schema(description = "Size of the object in bytes")
        long size,
        String contentType,
        String eTag,
        @Schema(description = "Base64 CRC64NVME of the whole object, as S3 keeps it (FULL_OBJECT), to check the bytes "
                + "against; absent when S3 has none")
        String checksumCrc64Nvme,
        @Schema(description = "Base64 SHA-256 of the whole object, when it was uploaded with checksumSha256")
        String checksumSha256) {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadTicket.class);

    /** A presigned GET of {@code key}, with what HeadObject said of the object. */
    static DownloadTicket of(String bucket, String key, S3Presigning.Presigned get, HeadObjectResponse head) {
        String crc64Nvme = head.checksumCRC64NVME();
        String sha256 = head.checksumSHA256();
        return new DownloadTicket(bucket, key, "GET", get.url().toString(), get.expiresAt().toString(),
                head.contentLength(), head.contentType(), head.eTag(),
                wholeObject(key, head, "CRC64NVME", crc64Nvme, Crc64Nvme.isWellFormed(crc64Nvme)),
                wholeObject(key, head, "SHA256", sha256, PayloadSha256.isWellFormed(sha256)));
    }

    /**
     * A checksum of the whole object; a COMPOSITE one (of the parts' checksums) is no use to a downloader, nor one of
     * the wrong length for its algorithm (moto's 4-byte CRC64NVME of multipart uploads): every check against it fails.
     */
    private static String wholeObject(String key, HeadObjectResponse head, String algorithm, String checksum,
            boolean wellFormed) {
        if (checksum == null || head.checksumType() == ChecksumType.COMPOSITE) {
            return null;
        }
        if (!wellFormed) {
            LOG.warn("S3 answered a malformed Checksum{} {} for {}: left out of the download ticket",
                    algorithm, checksum, key);
            return null;
        }
        return checksum;
    }
}
