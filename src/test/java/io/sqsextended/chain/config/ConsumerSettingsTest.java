package io.sqsextended.chain.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consumer's trust settings: which key prefixes pointers may name (never the input prefix), SNS signature checks. */
class ConsumerSettingsTest {

    static ConsumerSettings.Trust settings(Map<String, String> values) {
        return ChainConfigBinder.read(ConfigSource.of(values)).consumer().trust();
    }

    @Test
    void pointersMayNameTheExtendedProducersPrefixByDefault() {
        assertThat(settings(Map.of()).pointerPrefixes()).containsExactly("offload/");
        assertThat(settings(Map.of("chain.extended.key-prefix", "large/")).pointerPrefixes()).containsExactly("large/");
    }

    @Test
    void otherProducersPrefixesAreAListOfTheirOwn() {
        assertThat(settings(Map.of("chain.consumer.pointer-prefixes", "offload/, java-client/")).pointerPrefixes())
                .containsExactly("offload/", "java-client/");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"input/", "input/2026/", "in", "offload/,input/"})
    void aPrefixThatOverlapsTheInputPrefixStopsTheStart(String prefixes) {
        assertThatThrownBy(() -> settings(Map.of("chain.consumer.pointer-prefixes", prefixes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chain.consumer.pointer-prefixes must not overlap chain.input-prefix");
    }

    @Test
    void snsSignatureVerificationIsOffByDefaultAndTakesOnlyTrueOrFalse() {
        assertThat(settings(Map.of()).verifySnsSignatures()).isFalse();
        assertThat(settings(Map.of("chain.consumer.sns.verify-signatures", "true")).verifySnsSignatures()).isTrue();
        assertThatThrownBy(() -> settings(Map.of("chain.consumer.sns.verify-signatures", "yes")))
                .hasMessageContaining("chain.consumer.sns.verify-signatures must be true or false");
    }
}
