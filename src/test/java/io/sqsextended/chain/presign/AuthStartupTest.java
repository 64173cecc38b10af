package io.sqsextended.chain.presign;

import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.Application;
import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.SettingsBinder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * aws mode starts only with tokens of its own, or with auth explicitly off; local mode takes the development tokens.
 */
class AuthStartupTest {

    @Test
    void awsModeRefusesToStartWithoutTokens() {
        assertThatThrownBy(() -> tokens(Map.of(), "aws"))
                .hasMessageContaining("aws mode needs bearer tokens").hasMessageContaining("chain.auth.enabled=false");
    }

    @Test
    void awsModeRefusesTheDevelopmentTokens() {
        Map<String, String> properties = Map.of("chain.auth.producer-tokens", "a-real-token",
                "chain.auth.consumer-tokens", "dev-consumer-token");

        assertThatThrownBy(() -> tokens(properties, "aws"))
                .hasMessageContaining("chain.auth.consumer-tokens holds a development token");
    }

    @Test
    void awsModeStartsWithTokensOfItsOwn() {
        assertThat(tokens(Map.of("chain.auth.admin-tokens", "a-real-token"), "aws").hasTokens()).isTrue();
    }

    @Test
    void awsModeStartsWithoutTokensWhenAuthIsDisabled() {
        assertThat(tokens(Map.of("chain.auth.enabled", "false"), "aws").enabled()).isFalse();
    }

    @Test
    void localModeTakesTheDevelopmentTokens() {
        assertThat(tokens(Map.of("chain.auth.producer-tokens", "dev-producer-token"), "local")
                .tokenCount(Role.PRODUCER)).isEqualTo(1);
    }

    @Test
    void authEnabledMustBeABoolean() {
        assertThatThrownBy(() -> tokens(Map.of("chain.auth.enabled", "no"), "local"))
                .hasMessageContaining("chain.auth.enabled must be true or false");
    }

    /**
     * The tokens as the app builds them: the configuration (with the resources aws mode needs), then the authenticator.
     */
    private static TokenAuthenticator tokens(Map<String, String> properties, String mode) {
        Map<String, String> all = new HashMap<>(
                Map.of("chain.mode", mode, "chain.bucket", "b", "chain.queue", "q", "chain.dead-letter-queue", "d"));
        all.putAll(properties);
        return PresignConfiguration.tokens(SettingsBinder.read(ConfigSource.of(all), Application.SETTINGS).auth());
    }
}
