package io.sqsextended.chain.wire;

import java.time.Duration;

/** S3's documented limits, which requests are checked against before S3 would refuse them. */
public final class S3Limits {

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024 * MIB;
    /** Longest object key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * GIB;
    public static final long MAX_SINGLE_PUT = 5 * GIB;
    public static final long MAX_OBJECT_SIZE = 5 * 1024 * GIB;
    public static final int MAX_PARTS = 10_000;
    /** Longest validity of a SigV4 presigned URL. */
    public static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

    private S3Limits() {
    }
}
