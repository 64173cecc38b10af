package io.sqsextended.chain.cli;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/** Tries a call again after I/O failures and transient answers, with exponential backoff and jitter. */
final class Retries {

    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 30_000;

    private final int retries;

    Retries(int retries) {
        this.retries = retries;
    }

    interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    <T> T run(String what, Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt >= retries) {
                    // a refused connection has no message: its class says what happened
                    throw new CliFailure(what + " failed after " + (attempt + 1) + " attempts: "
                            + (e.getMessage() == null ? e : e.getMessage()));
                }
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(what + " interrupted");
            }
        }
    }

    private static void pause(int attempt) {
        long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt, 16));
        try {
            // full jitter: parallel parts that failed together do not retry together
            Thread.sleep(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
