package io.sqsextended.chain.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether tracing is on: only when the configuration names where spans go (an exporter other than {@code none}, or an
 * OTLP endpoint), as the SDK's own properties say it; otherwise nothing of the SDK is loaded or started.
 */
public final class TracingSwitch {

    static final String SDK_DISABLED = "otel.sdk.disabled";
    static final String TRACES_EXPORTER = "otel.traces.exporter";
    static final String OTLP_ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String OTLP_TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";

    private final UnaryOperator<String> lookup;

    private TracingSwitch(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    /** As the SDK reads its properties: a system property, else the variable of the same name ({@code OTEL_...}). */
    public static TracingSwitch of(Map<String, String> systemProperties, Map<String, String> environment) {
        return new TracingSwitch(key -> Optional.ofNullable(systemProperties.get(key))
                .orElseGet(() -> environment.get(variable(key))));
    }

    public static TracingSwitch ofThisProcess() {
        return new TracingSwitch(key -> Optional.ofNullable(System.getProperty(key))
                .orElseGet(() -> System.getenv(variable(key))));
    }

    public boolean isOn() {
        if ("true".equalsIgnoreCase(value(SDK_DISABLED))) {
            return false;
        }
        String exporter = value(TRACES_EXPORTER);
        if (exporter != null) {
            return !"none".equalsIgnoreCase(exporter);
        }
        return value(OTLP_ENDPOINT) != null || value(OTLP_TRACES_ENDPOINT) != null;
    }

    private String value(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
