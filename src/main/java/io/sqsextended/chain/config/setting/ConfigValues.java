package io.sqsextended.chain.config.setting;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parser per kind of value, the same for every key of that kind; errors name the key. */
public final class ConfigValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private ConfigValues() {
    }

    /**
     * {@code 15m}, {@code 900s}, {@code 1h}, {@code 2d}, {@code 500ms}, an ISO-8601 duration ({@code PT15M}) or
     * {@code 0}.
     */
    public static Duration duration(String key, String value) {
        String text = value.trim();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " is not an ISO-8601 duration: " + value, e);
            }
        }
        Matcher m = SHORT_DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must look like 1500ms, 15m, 900s, 1h, 2d or PT15M, not "
                    + value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** A duration where a bare number counts milliseconds, as these keys always took. */
    public static Duration millis(String key, String value) {
        String text = value.trim();
        return DIGITS.matcher(text).matches() ? Duration.ofMillis(integer(key, text, Long.MAX_VALUE))
                : duration(key, text);
    }

    /** Bytes, or a number with a binary unit: {@code 5242880}, {@code 5MiB}, {@code 5 GiB}. */
    public static long size(String key, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be bytes or a number with B, KiB, MiB, GiB or TiB, not "
                    + value);
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(key + " is too large: " + value, e);
        }
    }

    /** {@code true} or {@code false} (any case); a typo must not silently mean false. */
    public static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + value);
        };
    }

    /** A whole number up to {@code max}. */
    public static long integer(String key, String value, long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number > max) {
                throw new IllegalArgumentException(key + " must be at most " + max + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value, e);
        }
    }

    public static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not " + value, e);
        }
    }

    /** Comma-separated, blanks dropped. */
    public static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
