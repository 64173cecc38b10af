package io.sqsextended.chain.presign;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** aws mode starts only with tokens of its own, or with auth explicitly off; local mode takes the development tokens. */
class AuthStartupTest {

    @Test
    void awsModeRefusesToStartWithoutTokens() {
        assertThatThrownBy(() -> PresignConfiguration.tokens(context(Map.of()), "aws"))
                .hasMessageContaining("aws mode needs bearer tokens").hasMessageContaining("chain.auth.enabled=false");
    }

    @Test
    void awsModeRefusesTheDevelopmentTokens() {
        CamelContext context = context(Map.of("chain.auth.producer-tokens", "a-real-token", "chain.auth.consumer-tokens", "dev-consumer-token"));

        assertThatThrownBy(() -> PresignConfiguration.tokens(context, "aws"))
                .hasMessageContaining("chain.auth.consumer-tokens holds a development token");
    }

    @Test
    void awsModeStartsWithTokensOfItsOwn() {
        assertThat(PresignConfiguration.tokens(context(Map.of("chain.auth.admin-tokens", "a-real-token")), "aws").hasTokens()).isTrue();
    }

    @Test
    void awsModeStartsWithoutTokensWhenAuthIsDisabled() {
        assertThat(PresignConfiguration.tokens(context(Map.of("chain.auth.enabled", "false")), "aws").enabled()).isFalse();
    }

    @Test
    void localModeTakesTheDevelopmentTokens() {
        assertThat(PresignConfiguration.tokens(context(Map.of("chain.auth.producer-tokens", "dev-producer-token")), "local")
                .tokenCount(Role.PRODUCER)).isEqualTo(1);
    }

    @Test
    void authEnabledMustBeABoolean() {
        assertThatThrownBy(() -> PresignConfiguration.tokens(context(Map.of("chain.auth.enabled", "no")), "local"))
                .hasMessageContaining("chain.auth.enabled must be true or false");
    }

    private static CamelContext context(Map<String, String> properties) {
        CamelContext context = new DefaultCamelContext();
        properties.forEach((key, value) -> context.getPropertiesComponent().addOverrideProperty(key, value));
        return context;
    }
}
