package io.sqsextended.chain.presign;

import java.util.Set;

import io.sqsextended.chain.api.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /v1/downloads}. */
public record DownloadRequest(
        @Schema(description = "Key of the object, under one of the allowed download prefixes")
        String key) {

    static DownloadRequest parse(byte[] body) {
        return new DownloadRequest(JsonRequest.parse(body, Set.of("key")).requiredString("key", JsonRequest.ANY_LENGTH));
    }
}
