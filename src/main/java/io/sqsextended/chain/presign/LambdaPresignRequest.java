package io.sqsextended.chain.presign;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.Problem;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /presign}, the original design's Lambda contract, extended: a {@code putObject} names its
 * {@code content_type} and {@code content_length}, checked like {@code /v1/uploads} and signed into the URL, and may
 * name the body's checksum ({@code checksum_sha256} or {@code checksum_crc64nvme}), signed too.
 */
public record LambdaPresignRequest(
        @JsonProperty("object_key") @Schema(description = "Key to sign")
        String objectKey,
        @Schema(description = "putObject (producer role, keys under the input prefix) or getObject (consumer role)")
        String action,
        @JsonProperty("content_type") @Schema(description = "putObject: the Content-Type to sign into the URL (on the allow-list)")
        String contentType,
        @JsonProperty("content_length") @Schema(description = "putObject: the exact size to sign into the URL (up to chain.upload.max-size)")
        Long contentLength,
        @JsonProperty("checksum_sha256") @Schema(description = "putObject, optional: base64 SHA-256 of the body (44 characters), signed: "
                + "the PUT sends it as x-amz-checksum-sha256 and S3 refuses (400 BadDigest) other bytes")
        String checksumSha256,
        @JsonProperty("checksum_crc64nvme") @Schema(description = "putObject, optional: base64 CRC64NVME of the body (12 characters), "
                + "signed: the PUT sends it as x-amz-checksum-crc64nvme. At most one of the two")
        String checksumCrc64Nvme) {

    static final String PUT_OBJECT = "putObject";
    static final String GET_OBJECT = "getObject";

    static LambdaPresignRequest parse(byte[] body) {
        JsonRequest json = JsonRequest.parse(body, Set.of("object_key", "action", "content_type", "content_length",
                "checksum_sha256", "checksum_crc64nvme"));
        String key = json.requiredString("object_key", JsonRequest.ANY_LENGTH);
        String action = json.requiredString("action", 16);
        if (!action.equals(PUT_OBJECT) && !action.equals(GET_OBJECT)) {
            throw Problem.invalid("/action must be putObject or getObject");
        }
        String contentType = json.optionalString("content_type", UploadRules.MAX_CONTENT_TYPE_LENGTH).orElse(null);
        Long contentLength = json.optionalLong("content_length").orElse(null);
        String sha256 = json.optionalString("checksum_sha256", 1024).orElse(null);
        String crc64Nvme = json.optionalString("checksum_crc64nvme", 1024).orElse(null);
        if (action.equals(GET_OBJECT) && (contentType != null || contentLength != null || sha256 != null || crc64Nvme != null)) {
            throw Problem.invalid("content_type, content_length, checksum_sha256 and checksum_crc64nvme apply to putObject only");
        }
        if (action.equals(PUT_OBJECT) && (contentType == null || contentLength == null)) {
            throw Problem.invalid("putObject needs content_type and content_length: both are signed into the URL");
        }
        return new LambdaPresignRequest(key, action, contentType, contentLength, sha256, crc64Nvme);
    }
}
