package io.sqsextended.chain.wire;

import java.util.Base64;

/** Checksum values as S3 takes them: the canonical, padded base64 of a fixed number of bytes. */
public final class Base64Values {

    private Base64Values() {
    }

    /** Whether {@code value} is the canonical base64 of exactly {@code length} bytes. */
    public static boolean isCanonical(String value, int length) {
        if (value == null) {
            return false;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return bytes.length == length && Base64.getEncoder().encodeToString(bytes).equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
