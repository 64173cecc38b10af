package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;

/** Reads keys by their kind, collecting every error instead of stopping at the first one. */
final class ConfigReader {

    private final ConfigSource source;
    private final List<String> errors = new ArrayList<>();

    ConfigReader(ConfigSource source) {
        this.source = source;
    }

    ConfigSource source() {
        return source;
    }

    boolean isSet(ConfigKey key) {
        return source.get(key.name()).isPresent();
    }

    /** The value, else the key's default, else null. */
    String text(ConfigKey key) {
        return raw(key).orElse(null);
    }

    List<String> list(ConfigKey key) {
        return raw(key).map(ConfigValues::list).orElse(List.of());
    }

    boolean bool(ConfigKey key) {
        return parse(key, ConfigValues::bool);
    }

    Integer integer(ConfigKey key) {
        Long value = parse(key, (k, v) -> ConfigValues.integer(k, v, Integer.MAX_VALUE));
        return value == null ? null : value.intValue();
    }

    double number(ConfigKey key) {
        return parse(key, ConfigValues::number);
    }

    Duration duration(ConfigKey key) {
        return parse(key, ConfigValues::duration);
    }

    Duration millis(ConfigKey key) {
        return parse(key, ConfigValues::millis);
    }

    long size(ConfigKey key) {
        return parse(key, ConfigValues::size);
    }

    ByService<Latency> latency(ConfigKey key) {
        return parse(key, InjectionValues::latency);
    }

    ByService<Fault> faults(ConfigKey key) {
        return parse(key, InjectionValues::faults);
    }

    void check(boolean condition, String message) {
        if (!condition) {
            errors.add(message);
        }
    }

    /** A settings record whose constructor checks its invariants: a refusal is one more error, and {@code fallback} stands in. */
    <T> T build(Supplier<T> settings, T fallback) {
        try {
            return settings.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            errors.add(e.getMessage());
            return fallback;
        }
    }

    /** One start-up error listing every bad key. */
    void failOnErrors() {
        if (errors.size() == 1) {
            throw new IllegalArgumentException(errors.get(0));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() + " configuration errors:\n  " + String.join("\n  ", errors));
        }
    }

    private Optional<String> raw(ConfigKey key) {
        return source.get(key.name()).or(() -> Optional.ofNullable(key.defaultValue()).filter(v -> !v.isEmpty()));
    }

    /** A bad value is reported and replaced by the default, so that the keys after it are still checked. */
    private <T> T parse(ConfigKey key, BiFunction<String, String, T> parser) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return parser.apply(key.name(), value.get());
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return key.defaultValue() == null ? null : parser.apply(key.name(), key.defaultValue());
        }
    }
}
