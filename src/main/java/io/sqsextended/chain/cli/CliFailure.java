package io.sqsextended.chain.cli;

/** A failure the client reports as one line (a problem's title and detail, an S3 error code), without a stack trace. */
final class CliFailure extends RuntimeException {

    private final int status;

    CliFailure(String message) {
        this(0, message);
    }

    /** @param status HTTP status of the answer that failed, 0 for none */
    CliFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
