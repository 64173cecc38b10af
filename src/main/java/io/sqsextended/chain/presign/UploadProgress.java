package io.sqsextended.chain.presign;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code GET /v1/uploads/{uploadId}}: the parts S3 already has of a multipart plan and a fresh presigned PUT
 * for each part it still needs, cut as the plan was, so that a producer continues after a crash or a lost connection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadProgress(
        String bucket,
        String key,
        String uploadId,
        @Schema(description = "Size of the object, as the request gave it")
        long contentLength,
        @Schema(description = "Size of every part but the last, as the request gave it")
        long partSize,
        @Schema(description = "The parts S3 has, in partNumber order, with their size and ETag (to send with POST "
                + "/v1/uploads/complete)")
        List<StoredPart> uploadedParts,
        @Schema(description = "A fresh presigned PUT for each part S3 does not have yet (empty: complete the upload)")
        List<UploadTicket.PartUrl> parts,
        @Schema(description = "When the URLs of parts stop working (ISO-8601); absent when no part is missing")
        String expiresAt) {

    /**
     * What S3 has ({@code stored}) of a plan cut as {@code layout}, and fresh presigned PUTs ({@code urls}, in the same
     * order) of its {@code missing} parts.
     */
    static UploadProgress resumed(String bucket, String key, String uploadId, PartLayout layout,
                                  List<StoredPart> stored, List<Integer> missing, List<S3Presigning.Presigned> urls) {
        return new UploadProgress(bucket, key, uploadId, layout.contentLength(), layout.partSize(), List.copyOf(stored),
                UploadTicket.PartUrl.of(layout, missing, urls),
                urls.isEmpty() ? null : urls.get(0).expiresAt().toString());
    }

    /** A part S3 has: its number, size and ETag. */
    public record StoredPart(int partNumber, long size, String eTag) {
    }
}
