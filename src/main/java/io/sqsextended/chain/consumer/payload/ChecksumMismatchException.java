package io.sqsextended.chain.consumer.payload;

import java.io.IOException;

/**
 * The payload's bytes, read to their end, do not have the checksum they should: thrown by that last read, so a
 * downstream never takes a damaged payload for a whole one. The object stays as it is, so no retry can help.
 */
public class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String reason) {
        super(reason);
    }
}
