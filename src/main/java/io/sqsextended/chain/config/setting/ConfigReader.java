package io.sqsextended.chain.config.setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads keys by their declaration ({@link Setting}), collecting every error instead of stopping at the first one; a
 * feature's {@link SettingsGroup} reads its record through it.
 */
public final class ConfigReader {

    private final ConfigSource source;
    private final boolean local;
    private final ChainResources resources;
    private final List<String> errors;

    public ConfigReader(ConfigSource source, boolean local, ChainResources resources) {
        this(source, local, resources, new ArrayList<>());
    }

    private ConfigReader(ConfigSource source, boolean local, ChainResources resources, List<String> errors) {
        this.source = source;
        this.local = local;
        this.resources = resources;
        this.errors = errors;
    }

    /** A reader of the same source in a mode, with the resources known, that reports into the same errors. */
    public ConfigReader with(boolean inLocalMode, ChainResources known) {
        return new ConfigReader(source, inLocalMode, known, errors);
    }

    /**
     * The stack's bucket and queues: in aws mode from the configuration, in local mode null until it is provisioned.
     */
    public ChainResources resources() {
        return resources;
    }

    public boolean isSet(Setting<?> setting) {
        return source.get(setting.name()).isPresent();
    }

    /**
     * The value, else the key's default (of the mode), else null. A bad value is reported and replaced by the
     * default, so that the keys after it are still checked.
     */
    public <T> T get(Setting<T> setting) {
        Optional<String> value = source.get(setting.name());
        String fallback = local ? setting.localDefault() : setting.defaultValue();
        if (value.isEmpty()) {
            return defaulted(setting, fallback);
        }
        try {
            T parsed = setting.parse(value.get());
            String refusal = setting.refusal(parsed);
            if (refusal == null) {
                return parsed;
            }
            report(refusal);
        } catch (IllegalArgumentException e) {
            report(e.getMessage());
        }
        return defaulted(setting, fallback);
    }

    private static <T> T defaulted(Setting<T> setting, String fallback) {
        return fallback == null || fallback.isEmpty() ? setting.unset() : setting.parse(fallback);
    }

    /**
     * The keys of a family, by the name after its prefix ({@code chain.local.parameter.MaxReceiveCount}:
     * MaxReceiveCount).
     */
    public Map<String, String> family(Setting<?> family) {
        Map<String, String> members = new TreeMap<>();
        source.keysStartingWith(family.name()).forEach(key -> source.get(key)
                .ifPresent(value -> members.put(key.substring(family.name().length()), value)));
        return members;
    }

    public void check(boolean condition, String message) {
        if (!condition) {
            report(message);
        }
    }

    /**
     * A settings record whose constructor checks its invariants: a refusal is one more error, and {@code fallback}
     * stands in.
     */
    public <T> T build(Supplier<T> settings, T fallback) {
        try {
            return settings.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            report(e.getMessage());
            return fallback;
        }
    }

    /** Once: a key read by two features is refused once. */
    private void report(String error) {
        if (!errors.contains(error)) {
            errors.add(error);
        }
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** One start-up error listing every bad key. */
    public void failOnErrors() {
        if (errors.size() == 1) {
            throw new IllegalArgumentException(errors.get(0));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() + " configuration errors:\n  "
                    + String.join("\n  ", errors));
        }
    }
}
