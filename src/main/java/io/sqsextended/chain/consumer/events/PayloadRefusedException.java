package io.sqsextended.chain.consumer.events;

/**
 * A message that no retry can deliver (foreign bucket, unparseable pointer, unsupported event version, object
 * gone): it goes to the dead-letter queue at once, with this message as the reason.
 */
public class PayloadRefusedException extends RuntimeException {

    public PayloadRefusedException(String reason) {
        super(reason);
    }

    public PayloadRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
