package io.sqsextended.chain.presign;

import io.sqsextended.chain.api.JsonRequest.Required;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /v1/downloads}, as {@link io.sqsextended.chain.api.JsonRequest} binds it. */
public record DownloadRequest(
        @Required @Schema(description = "Key of the object, under one of the allowed download prefixes")
        String key) {
}
