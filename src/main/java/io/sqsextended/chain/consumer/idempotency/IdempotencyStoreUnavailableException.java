package io.sqsextended.chain.consumer.idempotency;

/**
 * The shared store cannot be reached: the delivery waits for it (it is not the payload's fault, so never a dead
 * letter).
 */
public final class IdempotencyStoreUnavailableException extends RuntimeException {

    public IdempotencyStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
