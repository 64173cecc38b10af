package io.sqsextended.chain.presign;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /v1/uploads}: one presigned PUT ({@code url}, {@code headers}), or, above the multipart
 * threshold, a multipart plan ({@code uploadId}, {@code partSize}, {@code parts}) to finish with
 * {@code POST /v1/uploads/complete}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadTicket(
        String bucket,
        @Schema(description = "Key the object will have")
        String key,
        @Schema(description = "Always PUT")
        String method,
        @Schema(description = "Presigned URL of a single PUT (absent in a multipart plan)")
        String url,
        @Schema(description = "Headers the PUT must send exactly as given (Content-Length: a body of exactly that size; "
                + "If-None-Match: * makes S3 refuse, 412, to replace an object; x-amz-checksum-sha256, when the request gave "
                + "checksumSha256, and x-amz-checksum-crc64nvme, when it gave checksumCrc64Nvme, make S3 refuse, 400 BadDigest, other bytes)")
        Map<String, String> headers,
        @Schema(description = "Multipart plan: id of the upload")
        String uploadId,
        @Schema(description = "Multipart plan: size of every part but the last")
        Long partSize,
        @Schema(description = "Multipart plan: a presigned PUT per part")
        List<PartUrl> parts,
        @Schema(description = "When the URLs stop working (ISO-8601)")
        String expiresAt,
        @Schema(description = "Multipart plan: the checksumCrc64Nvme the request gave, to send back with POST /v1/uploads/complete")
        String checksumCrc64Nvme) {

    /** One part of a multipart plan: PUT exactly {@code size} bytes to {@code url}, keep the ETag it answers. */
    public record PartUrl(int partNumber, String url, long size) {
    }
}
