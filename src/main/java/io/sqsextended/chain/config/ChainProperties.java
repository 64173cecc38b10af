package io.sqsextended.chain.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;

/** Reads {@code chain.*} keys through Camel's properties component (file, {@code -D}, environment). */
public final class ChainProperties {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?", Pattern.CASE_INSENSITIVE);

    private ChainProperties() {
    }

    /** The value of a key, empty when unset or blank. */
    public static Optional<String> get(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public static String require(CamelContext context, String key) {
        return get(context, key).orElseThrow(() -> new IllegalStateException(
                "Missing setting " + key + " (application.properties, -D" + key + "=... or the environment)"));
    }

    public static int getInt(CamelContext context, String key, int defaultValue) {
        return get(context, key).map(Integer::parseInt).orElse(defaultValue);
    }

    /** {@code 15m}, {@code 900s}, {@code 1h}, {@code 2d}, {@code 500ms} or an ISO-8601 duration ({@code PT15M}). */
    public static Duration duration(String key, String value) {
        String text = value.trim();
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " is not an ISO-8601 duration: " + value, e);
            }
        }
        Matcher m = SHORT_DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must look like 15m, 900s, 1h, 2d or PT15M, not " + value);
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

    /** Bytes, or a number with a binary unit: {@code 5242880}, {@code 5MiB}, {@code 5 GiB}. */
    public static long size(String key, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be bytes or a number with B, KiB, MiB, GiB or TiB, not " + value);
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
}
