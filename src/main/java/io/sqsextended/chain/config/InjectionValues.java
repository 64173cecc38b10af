package io.sqsextended.chain.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.sqsextended.chain.config.setting.ConfigValues;
import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;

/**
 * The forms of {@link ChainKeys#LOCAL_LATENCY} ({@code 20ms}, {@code 20ms+-5ms}, {@code s3=20ms,sqs=15ms}) and
 * {@link ChainKeys#LOCAL_FAULTS} ({@code s3=0.01:503,sqs=0.005:500}): one value for both services or one per service,
 * {@code none} for nothing; read at start and over JMX, and written back in the same form.
 */
final class InjectionValues {

    private static final String NONE = "none";
    private static final Duration MAX_LATENCY = Duration.ofMinutes(1);

    private InjectionValues() {
    }

    static ByService<Latency> latency(String key, String value) {
        return byService(key, value, Latency.NONE, InjectionValues::latencyOf,
                "20ms, 20ms+-5ms (a jitter of at most the latency) or s3=20ms,sqs=15ms, each at most "
                        + MAX_LATENCY.toSeconds() + "s");
    }

    static ByService<Fault> faults(String key, String value) {
        return byService(key, value, Fault.NONE, InjectionValues::faultOf,
                "s3=0.01:503,sqs=0.005:500 (a rate from 0 to 1 and a status of " + Fault.STATUSES
                        + ") or 0.01:500 for both");
    }

    static String format(ByService<Latency> latency) {
        return format(latency, Latency.NONE, l -> millis(l.base())
                + (l.jitter().isZero() ? "" : "+-" + millis(l.jitter())));
    }

    static String formatFaults(ByService<Fault> faults) {
        return format(faults, Fault.NONE, f -> BigDecimal.valueOf(f.rate()).stripTrailingZeros().toPlainString() + ":"
                + f.status());
    }

    private static Latency latencyOf(String key, String text) {
        String[] parts = text.split("\\+-", -1);
        Duration base = ConfigValues.duration(key, parts[0]);
        Duration jitter = parts.length == 2 ? ConfigValues.duration(key, parts[1]) : Duration.ZERO;
        if (parts.length > 2 || base.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException(text);
        }
        return new Latency(base, jitter);
    }

    private static Fault faultOf(String key, String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(text);
        }
        return new Fault(ConfigValues.number(key, parts[0]), (int) ConfigValues.integer(key, parts[1], 999));
    }

    /** {@code none}, one value for both services, or {@code s3=...,sqs=...} (a service left out gets none). */
    private static <T> ByService<T> byService(String key, String value, T none, BiFunction<String, String, T> parser,
            String form) {
        String text = value.trim();
        if (text.isEmpty() || text.equals(NONE)) {
            return ByService.both(none);
        }
        try {
            if (!text.contains("=")) {
                return ByService.both(parser.apply(key, text));
            }
            Map<String, T> services = new LinkedHashMap<>(Map.of("s3", none, "sqs", none));
            Map<String, T> given = new LinkedHashMap<>();
            for (String entry : ConfigValues.list(text)) {
                String[] pair = entry.split("=", 2);
                String service = pair[0].trim();
                if (pair.length != 2 || !services.containsKey(service)
                        || given.put(service, parser.apply(key, pair[1].trim())) != null) {
                    throw new IllegalArgumentException(entry);
                }
            }
            services.putAll(given);
            return new ByService<>(services.get("s3"), services.get("sqs"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must look like " + form + ", or none, not " + value, e);
        }
    }

    private static <T> String format(ByService<T> values, T none, Function<T, String> form) {
        if (values.s3().equals(values.sqs())) {
            return values.s3().equals(none) ? NONE : form.apply(values.s3());
        }
        StringBuilder text = new StringBuilder();
        if (!values.s3().equals(none)) {
            text.append("s3=").append(form.apply(values.s3()));
        }
        if (!values.sqs().equals(none)) {
            text.append(text.isEmpty() ? "" : ",").append("sqs=").append(form.apply(values.sqs()));
        }
        return text.toString();
    }

    /** Milliseconds where they are whole (as written), else ISO-8601. */
    private static String millis(Duration duration) {
        return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toString();
    }
}
