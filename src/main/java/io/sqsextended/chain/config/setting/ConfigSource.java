package io.sqsextended.chain.config.setting;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;

/** Where raw values come from: Camel's properties (file, {@code -D}, environment, overrides) or, in tests, a map. */
public interface ConfigSource {

    /** The value of a key, empty when unset or blank. */
    Optional<String> get(String key);

    /** The keys set with this prefix (a family such as {@code chain.local.parameter.}). */
    Set<String> keysStartingWith(String prefix);

    static ConfigSource of(CamelContext context) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return context.getPropertiesComponent().resolveProperty(key).map(String::trim)
                        .filter(v -> !v.isEmpty());
            }

            @Override
            public Set<String> keysStartingWith(String prefix) {
                // loadProperties lists the properties files and overrides only: -D keys added, resolved with precedence
                Set<String> keys = new TreeSet<>(context.getPropertiesComponent()
                        .loadProperties(k -> k.startsWith(prefix)).stringPropertyNames());
                System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                        .forEach(keys::add);
                return keys;
            }
        };
    }

    static ConfigSource of(Map<String, String> values) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
            }

            @Override
            public Set<String> keysStartingWith(String prefix) {
                return new TreeSet<>(values.keySet().stream().filter(k -> k.startsWith(prefix)).toList());
            }
        };
    }
}
