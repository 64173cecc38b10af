package io.sqsextended.chain.producer;

/** A payload could not be published; nothing of it is left behind that a message points to. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public PublishException(String message) {
        super(message);
    }
}
