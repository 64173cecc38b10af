package io.sqsextended.chain.consumer.payload;

import java.util.Locale;

/** What becomes of an S3 object once its payload was delivered ({@code chain.consumer.cleanup.*}). */
public enum CleanupPolicy {
    KEEP,
    /** Delete it after the SQS message, never before: no message is left pointing at nothing. */
    DELETE;

    public static CleanupPolicy of(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be keep or delete, not " + value, e);
        }
    }
}
