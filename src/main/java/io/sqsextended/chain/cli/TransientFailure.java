package io.sqsextended.chain.cli;

import java.io.IOException;

/** An answer worth trying again (5xx, 429): an I/O failure as far as {@link Retries} is concerned. */
final class TransientFailure extends IOException {

    TransientFailure(String message) {
        super(message);
    }
}
