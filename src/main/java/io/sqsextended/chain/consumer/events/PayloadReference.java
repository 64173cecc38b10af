package io.sqsextended.chain.consumer.events;

import java.time.Instant;

import io.sqsextended.chain.wire.PayloadSource;

/** One payload named by an SQS message: an S3 object, or the message body itself. */
public sealed interface PayloadReference {

    PayloadSource source();

    /** Same for every duplicate of the same event (S3 events) or of the same SQS message (pointers, inline). */
    String idempotencyKey();

    /** When the object was created (S3 events) or the message was sent (pointers, inline). */
    Instant eventTime();

    /**
     * An S3 object.
     *
     * @param versionId    the object's version on versioned buckets, else null
     * @param expectedSize the size a pointer's size attribute declares (the object must have it), else null
     * @param eventIssues  fields of the event that could not be read, which the delivery does not need; null when none
     */
    record ObjectReference(PayloadSource source, String bucket, String key, String versionId, Long expectedSize,
            String expectedSha256,
                           Instant eventTime, String idempotencyKey, String eventIssues) implements PayloadReference {
    }

    /** A message whose body is the payload. */
    record InlinePayload(String body, Instant eventTime, String idempotencyKey) implements PayloadReference {

        @Override
        public PayloadSource source() {
            return PayloadSource.INLINE;
        }
    }
}
