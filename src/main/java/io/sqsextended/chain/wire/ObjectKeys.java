package io.sqsextended.chain.wire;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for the shape of an object key the chain acts on, whoever named it (an API caller, an S3 event, a
 * pointer): a key that S3 would refuse, or that a filesystem-backed store (the embedded S3) resolves to another
 * object, is malformed.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    /**
     * Why {@code key} is malformed, or empty when it is not: empty, not valid Unicode, over 1024 bytes, control
     * characters, a backslash, a leading slash, or an empty, {@code .} or {@code ..} segment.
     */
    public static Optional<String> malformation(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("The key is empty");
        }
        if (!isWellFormed(key)) {
            return Optional.of("The key is not valid Unicode");
        }
        if (utf8Length(key) > S3Limits.MAX_KEY_BYTES) {
            return Optional.of("The key exceeds " + S3Limits.MAX_KEY_BYTES + " bytes of UTF-8");
        }
        if (key.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("The key contains control characters");
        }
        if (key.indexOf('\\') >= 0) {
            return Optional.of("The key contains a backslash");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("The key has an empty, '.' or '..' path segment");
            }
        }
        return Optional.empty();
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static boolean isWellFormed(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
