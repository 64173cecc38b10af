package io.sqsextended.chain.testkit;

import java.util.Random;

/** Test kit: payloads of a given size whose bytes are the same on every run (seeded by the size). */
public final class RandomBytes {

    private RandomBytes() {
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
