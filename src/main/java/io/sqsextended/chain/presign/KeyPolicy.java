package io.sqsextended.chain.presign;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.api.UploadOwner;
import io.sqsextended.chain.wire.ObjectKeys;
import io.sqsextended.chain.wire.S3Limits;

/**
 * Which object keys the API signs: upload keys are made here (input prefix, UTC date path, random id tagged for its
 * {@link UploadOwner}, sanitized file name); keys named by callers must be well-formed, lie under the prefixes their
 * role may use, and have segments the store can keep.
 */
public final class KeyPolicy {

    private static final DateTimeFormatter DATE_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Pattern UPLOAD_ID = Pattern.compile(
            "(\\d{4}/\\d{2}/\\d{2}/[0-9a-f]{32})-([0-9a-f]{32})(/[^/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    // characters AWS advises against in keys; replaced rather than refused, they are harmless in a name
    private static final String AVOIDED = "{}^%`[]\"<>~#|*?:";

    private final String inputPrefix;
    private final List<String> downloadPrefixes;
    private final Clock clock;
    private final int maxSegmentBytes;

    /** @param maxSegmentBytes longest segment of a key the store can keep ({@code ChainConfig.maxKeySegmentBytes()}) */
    public KeyPolicy(String inputPrefix, List<String> downloadPrefixes, Clock clock, int maxSegmentBytes) {
        this.inputPrefix = inputPrefix;
        this.downloadPrefixes = List.copyOf(downloadPrefixes);
        this.clock = clock;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /** A fresh key for an upload of {@code owner}, e.g. {@code input/2026/01/31/<random>-<tag>/report 2026.pdf}. */
    public String newUploadKey(String fileName, UploadOwner owner) {
        String name = fileName == null ? "object" : sanitizeFileName(fileName);
        if (utf8Length(name) > maxSegmentBytes) {
            throw new Problem(ProblemType.INVALID_KEY,
                    "fileName is too long: at most " + maxSegmentBytes + " bytes of UTF-8 here");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String path = LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(DATE_PATH) + "/"
                + HexFormat.of().formatHex(random);
        String key = inputPrefix + path + "-" + owner.tag(inputPrefix + path + "/" + name) + "/" + name;
        if (utf8Length(key) > S3Limits.MAX_KEY_BYTES) {
            throw new Problem(ProblemType.INVALID_KEY,
                    "fileName is too long: the key would exceed " + S3Limits.MAX_KEY_BYTES + " bytes of UTF-8");
        }
        return key;
    }

    /** A caller-named upload key that the server made for {@code owner}; a {@code 403} problem for any other. */
    public String ownUploadKey(String key, UploadOwner owner) {
        uploadKey(key);
        Matcher m = UPLOAD_ID.matcher(key.substring(inputPrefix.length()));
        if (!m.matches() || !owner.tagged(inputPrefix + m.group(1) + m.group(3), m.group(2))) {
            throw new Problem(ProblemType.FORBIDDEN, "This upload was not started with this token");
        }
        return key;
    }

    /** A caller-named key producers may write: well-formed and under the input prefix. */
    public String uploadKey(String key) {
        validate(key);
        validateSegments(key);
        if (!key.startsWith(inputPrefix)) {
            throw new Problem(ProblemType.KEY_NOT_ALLOWED, "Uploads go under " + inputPrefix);
        }
        return key;
    }

    /** A key consumers may read: well-formed and under one of the allowed download prefixes. */
    public String downloadKey(String key) {
        validate(key);
        validateSegments(key);
        if (downloadPrefixes.stream().noneMatch(key::startsWith)) {
            throw new Problem(ProblemType.KEY_NOT_ALLOWED,
                    "Downloads are allowed only under " + String.join(", ", downloadPrefixes));
        }
        return key;
    }

    /** Refuses keys that S3 would refuse or that mean something else once used as a path ({@link ObjectKeys}). */
    static void validate(String key) {
        ObjectKeys.malformation(key).ifPresent(why -> {
            throw new Problem(ProblemType.INVALID_KEY, why);
        });
    }

    private void validateSegments(String key) {
        for (String segment : key.split("/")) {
            if (utf8Length(segment) > maxSegmentBytes) {
                throw new Problem(ProblemType.INVALID_KEY, "A segment of the key exceeds " + maxSegmentBytes
                        + " bytes of UTF-8, the longest the object store keeps here");
            }
        }
    }

    /**
     * The last segment of an upload key from a caller's file name. Path tricks are refused ({@code /}, {@code \},
     * control characters, {@code .}, {@code ..}); characters AWS advises against become {@code _}; spaces,
     * {@code +} and non-ASCII letters stay (NFC-normalized).
     */
    static String sanitizeFileName(String fileName) {
        String name = Normalizer.normalize(fileName, Normalizer.Form.NFC).strip();
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new Problem(ProblemType.INVALID_KEY, "fileName contains control characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new Problem(ProblemType.INVALID_KEY, "fileName must be a plain name, without '/' or '\\'");
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new Problem(ProblemType.INVALID_KEY, "fileName must be a file name, not empty, '.' or '..'");
        }
        if (!ObjectKeys.isWellFormed(name)) {
            throw new Problem(ProblemType.INVALID_KEY, "fileName is not valid Unicode");
        }
        StringBuilder sanitized = new StringBuilder(name.length());
        name.codePoints().forEach(c -> sanitized.appendCodePoint(AVOIDED.indexOf(c) >= 0 ? '_' : c));
        return sanitized.toString();
    }

    static int utf8Length(String text) {
        return ObjectKeys.utf8Length(text);
    }
}
