package io.sqsextended.chain.presign;

import java.util.List;
import java.util.Set;

import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.wire.S3Limits;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /v1/uploads/complete}: the parts uploaded with a multipart plan, with the ETags S3 answered. */
public record CompleteRequest(
        @Schema(description = "Key of the multipart plan")
        String key,
        @Schema(description = "uploadId of the multipart plan")
        String uploadId,
        @Schema(description = "Every uploaded part in ascending partNumber order, with the ETag header of its PUT")
        List<UploadedPart> parts,
        @Schema(description = "Optional: the plan's checksumCrc64Nvme, passed to S3, which completes the upload only when the "
                + "parts' bytes have it (else 400 checksum-mismatch; the upload stays open). The API keeps nothing between plan "
                + "and completion: without it here, nothing is compared")
        String checksumCrc64Nvme) {

    static final int MAX_UPLOAD_ID_LENGTH = 1024;

    public record UploadedPart(int partNumber, String eTag) {
    }

    static CompleteRequest parse(byte[] body) {
        JsonRequest json = JsonRequest.parse(body, Set.of("key", "uploadId", "parts", "checksumCrc64Nvme"));
        String key = json.requiredString("key", JsonRequest.ANY_LENGTH);
        String uploadId = UploadRules.uploadId(json.requiredString("uploadId", MAX_UPLOAD_ID_LENGTH));
        List<JsonRequest> items = json.requiredObjects("parts", S3Limits.MAX_PARTS, Set.of("partNumber", "eTag"));
        List<UploadedPart> parts = items.stream().map(item -> {
            long number = item.requiredLong("partNumber");
            if (number < 1 || number > S3Limits.MAX_PARTS) {
                throw Problem.invalid(item.pointer("partNumber") + " must be between 1 and " + S3Limits.MAX_PARTS);
            }
            String eTag = item.requiredString("eTag", 1024);
            if (eTag.isBlank() || eTag.codePoints().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw Problem.invalid(item.pointer("eTag") + " must be the printable ETag that S3 answered");
            }
            return new UploadedPart((int) number, eTag);
        }).toList();
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new Problem(ProblemType.INVALID_PARTS, "parts must be in strictly ascending partNumber order");
            }
        }
        return new CompleteRequest(key, uploadId, parts,
                UploadRules.crc64Nvme("checksumCrc64Nvme", json.optionalString("checksumCrc64Nvme", 1024).orElse(null)));
    }
}
