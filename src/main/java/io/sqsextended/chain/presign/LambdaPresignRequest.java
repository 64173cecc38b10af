package io.sqsextended.chain.presign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.JsonRequest.Required;
import io.sqsextended.chain.api.Problem;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /presign}, the original design's Lambda contract, extended: a {@code putObject} names its
 * {@code content_type} and {@code content_length}, checked like {@code /v1/uploads} and signed into the URL, and may
 * name the body's checksum ({@code checksum_sha256} or {@code checksum_crc64nvme}), signed too.
 */
public record LambdaPresignRequest(
        @Required @JsonProperty("object_key") @Schema(description = "Key to sign")
        String objectKey,
        @Required @Schema(description = "putObject (producer role, keys under the input prefix) or getObject (consumer "
                + "role)")
        Action action,
        @JsonProperty("content_type") @Schema(
                description = "putObject: the Content-Type to sign into the URL (on the allow-list)")
        String contentType,
        @JsonProperty("content_length") @Schema(
                description = "putObject: the exact size to sign into the URL (up to chain.upload.max-size)")
        Long contentLength,
        @JsonProperty("checksum_sha256") @Schema(
                description = "putObject, optional: base64 SHA-256 of the body (44 characters), signed: "
                + "the PUT sends it as x-amz-checksum-sha256 and S3 refuses (400 BadDigest) other bytes")
        String checksumSha256,
        @JsonProperty("checksum_crc64nvme") @Schema(
                description = "putObject, optional: base64 CRC64NVME of the body (12 characters), "
                + "signed: the PUT sends it as x-amz-checksum-crc64nvme. At most one of the two")
        String checksumCrc64Nvme) {

    /** What the Lambda was asked to sign, by its names in the contract. */
    public enum Action {
        @JsonProperty("putObject") PUT_OBJECT,
        @JsonProperty("getObject") GET_OBJECT
    }

    public LambdaPresignRequest {
        JsonRequest.limited("content_type", contentType, UploadRules.MAX_CONTENT_TYPE_LENGTH);
        JsonRequest.limited("checksum_sha256", checksumSha256, 1024);
        JsonRequest.limited("checksum_crc64nvme", checksumCrc64Nvme, 1024);
        boolean putMembers = contentType != null || contentLength != null || checksumSha256 != null
                || checksumCrc64Nvme != null;
        if (action == Action.GET_OBJECT && putMembers) {
            throw Problem.invalid(
                    "content_type, content_length, checksum_sha256 and checksum_crc64nvme apply to putObject only");
        }
        if (action == Action.PUT_OBJECT && (contentType == null || contentLength == null)) {
            throw Problem.invalid("putObject needs content_type and content_length: both are signed into the URL");
        }
    }
}
