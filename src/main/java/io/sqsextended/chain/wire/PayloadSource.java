package io.sqsextended.chain.wire;

/** Where a payload came from; its {@link #value()} is the {@code PayloadSource} header. */
public enum PayloadSource {
    /** An S3 ObjectCreated event: direct, wrapped by SNS, or from EventBridge. */
    S3_EVENT("s3-event"),
    /** A pointer written by the AWS SQS Extended Client libraries (or this app's extended producer). */
    EXTENDED_POINTER("extended-pointer"),
    /** Any other message: its body is the payload. */
    INLINE("inline");

    private final String value;

    PayloadSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
