package io.sqsextended.chain.config.setting;

/**
 * A start that cannot succeed for a reason its message states in full (what to change): reported as that one line, no
 * stack trace.
 */
public class StartRefusedException extends IllegalStateException {

    public StartRefusedException(String message) {
        super(message);
    }

    public StartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
