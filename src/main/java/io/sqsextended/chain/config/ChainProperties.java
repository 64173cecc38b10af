package io.sqsextended.chain.config;

import java.util.Optional;

import org.apache.camel.CamelContext;

/** Reads {@code chain.*} keys through Camel's properties component (file, {@code -D}, environment). */
public final class ChainProperties {

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
}
