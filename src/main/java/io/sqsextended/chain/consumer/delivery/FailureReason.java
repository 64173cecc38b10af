package io.sqsextended.chain.consumer.delivery;

import io.sqsextended.chain.consumer.events.PayloadRefusedException;
import io.sqsextended.chain.consumer.payload.ChecksumMismatchException;
import org.apache.camel.ExchangeTimedOutException;

/** Why a message ended on the dead-letter queue: the value of its {@link DeadLetterSender#ERROR_REASON} attribute. */
public enum FailureReason {

    /** No retry could deliver it (foreign bucket, malformed message or key, object gone): dead-lettered at once. */
    REFUSED("refused"),
    /** The payload's bytes do not have their checksum: the object is damaged or not what was sent; no retry. */
    CHECKSUM_MISMATCH("checksum-mismatch"),
    /** The downstream did not answer within {@code chain.consumer.downstream-timeout}, at every attempt. */
    TIMEOUT("timeout"),
    /** Anything else, after the redeliveries. */
    FAILED("failed");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The reason of a failure, looked up along its causes as Camel matches {@code onException} clauses. */
    public static FailureReason of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChecksumMismatchException) {
                return CHECKSUM_MISMATCH;
            }
            if (cause instanceof PayloadRefusedException) {
                return REFUSED;
            }
            if (cause instanceof ExchangeTimedOutException) {
                return TIMEOUT;
            }
        }
        return FAILED;
    }
}
