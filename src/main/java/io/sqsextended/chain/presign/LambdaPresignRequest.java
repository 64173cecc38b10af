package io.sqsextended.chain.presign;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.Problem;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /presign}, the original design's Lambda contract, extended: a {@code putObject} names its
 * {@code content_type} and {@code content_length}, checked like {@code /v1/uploads} and signed into the URL.
 */
public record LambdaPresignRequest(
        @JsonProperty("object_key") @Schema(description = "Key to sign")
        String objectKey,
        @Schema(description = "putObject (producer role, keys under the input prefix) or getObject (consumer role)")
        String action,
        @JsonProperty("content_type") @Schema(description = "putObject: the Content-Type to sign into the URL (on the allow-list)")
        String contentType,
        @JsonProperty("content_length") @Schema(description = "putObject: the exact size to sign into the URL (up to chain.upload.max-size)")
        Long contentLength) {

    static final String PUT_OBJECT = "putObject";
    static final String GET_OBJECT = "getObject";

    static LambdaPresignRequest parse(byte[] body) {
        JsonRequest json = JsonRequest.parse(body, Set.of("object_key", "action", "content_type", "content_length"));
        String key = json.requiredString("object_key", JsonRequest.ANY_LENGTH);
        String action = json.requiredString("action", 16);
        if (!action.equals(PUT_OBJECT) && !action.equals(GET_OBJECT)) {
            throw Problem.invalid("/action must be putObject or getObject");
        }
        String contentType = json.optionalString("content_type", UploadRules.MAX_CONTENT_TYPE_LENGTH).orElse(null);
        Long contentLength = json.optionalLong("content_length").orElse(null);
        if (action.equals(GET_OBJECT) && (contentType != null || contentLength != null)) {
            throw Problem.invalid("content_type and content_length apply to putObject only");
        }
        if (action.equals(PUT_OBJECT) && (contentType == null || contentLength == null)) {
            throw Problem.invalid("putObject needs content_type and content_length: both are signed into the URL");
        }
        return new LambdaPresignRequest(key, action, contentType, contentLength);
    }
}
