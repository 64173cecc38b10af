package io.sqsextended.chain.presign;

/** Answer of {@code POST /v1/uploads/complete}: the object now exists. */
public record CompletedUpload(String bucket, String key, String eTag) {
}
