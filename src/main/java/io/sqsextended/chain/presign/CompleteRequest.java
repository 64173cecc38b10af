package io.sqsextended.chain.presign;

import java.util.List;

import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.JsonRequest.Required;
import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.wire.S3Limits;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /v1/uploads/complete}, as {@link JsonRequest} binds it: the parts uploaded with a multipart plan,
 * with the ETags S3 answered.
 */
public record CompleteRequest(
        @Required @Schema(description = "Key of the multipart plan")
        String key,
        @Required @Schema(description = "uploadId of the multipart plan")
        String uploadId,
        @Required @Schema(
                description = "Every uploaded part in ascending partNumber order, with the ETag header of its PUT")
        List<UploadedPart> parts,
        @Schema(description = "Optional: the plan's checksumCrc64Nvme, passed to S3, which completes the upload only "
                + "when the parts' bytes have it (else 400 checksum-mismatch; the upload stays open). The API keeps "
                + "nothing between plan and completion: without it here, nothing is compared")
        String checksumCrc64Nvme) {

    static final int MAX_UPLOAD_ID_LENGTH = 1024;

    public CompleteRequest {
        UploadRules.uploadId(JsonRequest.limited("uploadId", uploadId, MAX_UPLOAD_ID_LENGTH));
        if (parts.contains(null)) {
            throw JsonRequest.invalid("parts", "must be an array of objects");
        }
        if (parts.isEmpty() || parts.size() > S3Limits.MAX_PARTS) {
            throw JsonRequest.invalid("parts", "must have 1 to " + S3Limits.MAX_PARTS + " items");
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new Problem(ProblemType.INVALID_PARTS, "parts must be in strictly ascending partNumber order");
            }
        }
        parts = List.copyOf(parts);
        UploadRules.crc64Nvme("checksumCrc64Nvme", JsonRequest.limited("checksumCrc64Nvme", checksumCrc64Nvme, 1024));
    }

    public record UploadedPart(int partNumber, @Required String eTag) {

        public UploadedPart {
            if (partNumber < 1 || partNumber > S3Limits.MAX_PARTS) {
                throw JsonRequest.invalid("partNumber", "must be between 1 and " + S3Limits.MAX_PARTS);
            }
            JsonRequest.limited("eTag", eTag, 1024);
            if (eTag.isBlank() || eTag.codePoints().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw JsonRequest.invalid("eTag", "must be the printable ETag that S3 answered");
            }
        }
    }
}
