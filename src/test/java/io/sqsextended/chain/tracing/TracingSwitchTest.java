package io.sqsextended.chain.tracing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TracingSwitchTest {

    @Test
    void offWhenNothingIsConfigured() {
        assertThat(TracingSwitch.of(Map.of(), Map.of()).isOn()).isFalse();
    }

    @Test
    void onWhenTheEnvironmentNamesAnOtlpEndpoint() {
        assertThat(TracingSwitch.of(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))
                .isOn()).isTrue();
    }

    @Test
    void onWhenASystemPropertyNamesTheTracesEndpoint() {
        assertThat(TracingSwitch.of(Map.of(TracingSwitch.OTLP_TRACES_ENDPOINT, "http://collector:4318/v1/traces"),
                Map.of()).isOn()).isTrue();
    }

    @Test
    void offWhenTheTracesExporterIsNoneWhateverTheEndpoint() {
        assertThat(TracingSwitch.of(Map.of(TracingSwitch.TRACES_EXPORTER, "none"),
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")).isOn()).isFalse();
    }

    @Test
    void offWhenTheSdkIsDisabled() {
        assertThat(TracingSwitch.of(Map.of(), Map.of("OTEL_SDK_DISABLED", "true", "OTEL_TRACES_EXPORTER", "otlp"))
                .isOn()).isFalse();
    }

    @Test
    void aSystemPropertyWinsOverTheVariable() {
        assertThat(TracingSwitch.of(Map.of(TracingSwitch.TRACES_EXPORTER, "otlp"),
                Map.of("OTEL_TRACES_EXPORTER", "none")).isOn()).isTrue();
    }
}
