package io.sqsextended.chain.api;

/**
 * The kinds of failure the presign API answers with an RFC 9457 {@code application/problem+json} body. Clients
 * switch on {@link #uri()}; the README lists them.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    INVALID_KEY(400, "invalid-key", "Invalid object key"),
    CONTENT_TYPE_NOT_ALLOWED(400, "content-type-not-allowed", "Content type not allowed"),
    SIZE_NOT_ALLOWED(400, "size-not-allowed", "Size not allowed"),
    INVALID_PARTS(400, "invalid-parts", "Invalid parts"),
    CHECKSUM_MISMATCH(400, "checksum-mismatch", "Checksum mismatch"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    KEY_NOT_ALLOWED(403, "key-not-allowed", "Key not allowed"),
    OBJECT_NOT_FOUND(404, "object-not-found", "Object not found"),
    UPLOAD_NOT_FOUND(404, "upload-not-found", "Multipart upload not found"),
    KEY_EXISTS(409, "key-exists", "An object with this key exists"),
    NOT_FOUND(404, "not-found", "Not Found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not Acceptable"),
    REQUEST_TOO_LARGE(413, "request-too-large", "Content Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type"),
    INTERNAL_ERROR(500, "internal-error", "Internal Server Error"),
    STORAGE_UNAVAILABLE(502, "storage-unavailable", "Storage unavailable"),
    CREDENTIALS_EXPIRING(503, "credentials-expiring", "Signing credentials about to expire"),
    STARTING(503, "starting", "Starting");

    private static final String URI_PREFIX = "urn:sqs-extended-chain:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The type that Vert.x-level failures (no route matched) map to, or null for statuses it does not own. */
    public static ProblemType ofRouterStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
    }
}
