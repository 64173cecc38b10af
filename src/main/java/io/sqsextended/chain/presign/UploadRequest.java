package io.sqsextended.chain.presign;

import java.util.Map;

import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.JsonRequest.Required;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /v1/uploads}, as {@link JsonRequest} binds it. */
public record UploadRequest(
        @Required @Schema(
                description = "Media type of the object, on the allow-list; the upload must send it as Content-Type")
        String contentType,
        @Schema(description = "Exact size of the object in bytes; the upload must send exactly this many")
        long contentLength,
        @Schema(description = "Optional original file name; it becomes the last segment of the key")
        String fileName,
        @Schema(description = "Optional user metadata, stored as x-amz-meta-<name> (names: a-z, 0-9, '-')")
        Map<String, String> metadata,
        @Schema(description = "Optional base64 SHA-256 of the whole body (S3's ChecksumSHA256 form, 44 characters): "
                + "the PUT signs it as x-amz-checksum-sha256 and S3 refuses (400 BadDigest) other bytes. Single PUTs "
                + "only: S3 checks a SHA-256 of parts only per part (COMPOSITE), so above the multipart threshold it "
                + "is refused (use checksumCrc64Nvme)")
        String checksumSha256,
        @Schema(description = "Optional base64 CRC64NVME of the whole body (S3's ChecksumCRC64NVME form, 12 "
                + "characters): a single PUT signs it as x-amz-checksum-crc64nvme; a multipart plan is created as "
                + "CRC64NVME FULL_OBJECT and echoes it, to be sent back with POST /v1/uploads/complete, where S3 "
                + "refuses (400 checksum-mismatch) parts whose bytes do not have it. At most one of checksumSha256 and "
                + "checksumCrc64Nvme")
        String checksumCrc64Nvme) {

    public UploadRequest {
        JsonRequest.limited("contentType", contentType, UploadRules.MAX_CONTENT_TYPE_LENGTH);
        JsonRequest.limited("fileName", fileName, 1024);
        JsonRequest.limited("checksumSha256", checksumSha256, 1024);
        JsonRequest.limited("checksumCrc64Nvme", checksumCrc64Nvme, 1024);
        if (metadata == null) {
            metadata = Map.of();
        } else if (metadata.size() > UploadRules.MAX_METADATA_ENTRIES) {
            throw JsonRequest.invalid("metadata", "has more than " + UploadRules.MAX_METADATA_ENTRIES + " members");
        } else if (metadata.containsValue(null)) {
            throw JsonRequest.invalid("metadata", "must map names to strings");
        }
    }
}
