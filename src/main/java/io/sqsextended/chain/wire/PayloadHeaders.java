package io.sqsextended.chain.wire;

/**
 * The contract with the downstream route: the body is the payload as a stream ({@code S3ObjectStream} for S3
 * objects, read lazily, re-readable on redelivery), these headers describe it.
 */
public final class PayloadHeaders {

    /** Bucket of the object (absent for inline payloads). */
    public static final String BUCKET = "PayloadBucket";
    /** Key of the object, decoded (absent for inline payloads). */
    public static final String KEY = "PayloadKey";
    /** Size in bytes ({@code Long}). */
    public static final String SIZE = "PayloadSize";
    /** The object's ETag without quotes (absent for inline payloads). */
    public static final String ETAG = "PayloadETag";
    /** The object's Content-Type ({@code text/plain; charset=utf-8} for inline payloads). */
    public static final String CONTENT_TYPE = "PayloadContentType";
    /**
     * A presigned GET of the object, valid for {@code chain.consumer.download-url-ttl} (absent for inline payloads).
     */
    public static final String DOWNLOAD_URL = "PayloadDownloadUrl";
    /** {@code s3-event}, {@code extended-pointer} or {@code inline}. */
    public static final String SOURCE = "PayloadSource";
    /** ISO-8601 time of the S3 event, or when the message was sent (pointers, inline). */
    public static final String EVENT_TIME = "PayloadEventTime";
    /**
     * Fields of the S3 event that could not be read and that the delivery does not need (its time, the object's size,
     * ETag or sequencer), e.g. {@code eventTime "yesterday" is no ISO-8601 time}, separated by {@code "; "}; absent
     * when none.
     */
    public static final String EVENT_ISSUES = "PayloadEventIssues";
    /**
     * Base64 SHA-256 of the object (S3's {@code ChecksumSHA256} form), the producer's: the body fails its read at the
     * end unless its bytes have it. Absent when no producer gave one, and for inline payloads.
     */
    public static final String CHECKSUM_SHA256 = "PayloadChecksumSha256";
    /** Base64 CRC64NVME S3 keeps of the object, verified likewise when no SHA-256 is (absent when S3 has none). */
    public static final String CHECKSUM_CRC64NVME = "PayloadChecksumCrc64Nvme";
    /**
     * Why the checksum S3 answered is not used: a value of the wrong length for its algorithm (moto's 4-byte CRC64NVME
     * of multipart uploads). The payload is delivered unverified; absent when S3's checksums are well-formed or absent.
     */
    public static final String CHECKSUM_MALFORMED = "PayloadChecksumMalformed";
    /** Prefix of one header per user metadata entry of the object ({@code x-amz-meta-<name>}). */
    public static final String METADATA_PREFIX = "PayloadMetadata-";

    private PayloadHeaders() {
    }
}
