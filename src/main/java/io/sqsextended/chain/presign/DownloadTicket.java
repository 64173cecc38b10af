package io.sqsextended.chain.presign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

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
        @Schema(description = "Base64 CRC64NVME of the whole object, as S3 keeps it (FULL_OBJECT), to check the bytes against; absent when S3 has none")
        String checksumCrc64Nvme,
        @Schema(description = "Base64 SHA-256 of the whole object, when it was uploaded with checksumSha256")
        String checksumSha256) {
}
