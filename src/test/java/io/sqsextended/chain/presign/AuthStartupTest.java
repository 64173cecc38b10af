package io.sqsextended.chain.presign;

import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.Application;
import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
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
                .hasMessageContaining("aws mode needs bearer tokens")
                .hasMessageContaining(AuthSettings.ENABLED.name() + "=false");
    }

    @Test
    void awsModeRefusesTheDevelopmentTokens() {
        Map<String, String> properties = Map.of(AuthSettings.PRODUCER_TOKENS.name(), "a-real-token",
                AuthSettings.CONSUMER_TOKENS.name(), "dev-consumer-token");

        assertThatThrownBy(() -> tokens(properties, "aws"))
                .hasMessageContaining(AuthSettings.CONSUMER_TOKENS.name() + " holds a development token");
    }

    @Test
    void awsModeStartsWithTokensOfItsOwn() {
        assertThat(tokens(Map.of(AuthSettings.ADMIN_TOKENS.name(), "a-real-token"), "aws").hasTokens()).isTrue();
    }

    @Test
    void awsModeStartsWithoutTokensWhenAuthIsDisabled() {
        assertThat(tokens(Map.of(AuthSettings.ENABLED.name(), "false"), "aws").enabled()).isFalse();
    }

    @Test
    void localModeTakesTheDevelopmentTokens() {
        assertThat(tokens(Map.of(AuthSettings.PRODUCER_TOKENS.name(), "dev-producer-token"), "local")
                .tokenCount(Role.PRODUCER)).isEqualTo(1);
    }

    @Test
    void authEnabledMustBeABoolean() {
        assertThatThrownBy(() -> tokens(Map.of(AuthSettings.ENABLED.name(), "no"), "local"))
                .hasMessageContaining(AuthSettings.ENABLED.name() + " must be true or false");
    }

    /**
     * The tokens as the app builds them: the configuration (with the resources aws mode needs), then the authenticator.
     */
    private static TokenAuthenticator tokens(Map<String, String> properties, String mode) {
        Map<String, String> all = new HashMap<>(
                Map.of(ChainKeys.MODE.name(), mode, ChainKeys.BUCKET.name(), "b", ChainKeys.QUEUE.name(), "q",
                        ChainKeys.DEAD_LETTER_QUEUE.name(), "d"));
        all.putAll(properties);
        return PresignConfiguration.tokens(SettingsBinder.read(ConfigSource.of(all), Application.SETTINGS).auth());
    }
}
