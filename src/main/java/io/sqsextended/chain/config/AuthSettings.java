package io.sqsextended.chain.config;

import java.util.List;
import java.util.Set;

import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;

/**
 * Bearer tokens of the HTTP API per role ({@code chain.auth.*}), plain or {@code sha256:<hex>}. Declared in
 * {@code config}: the presign API, the producer's endpoint and the API plumbing read them, and aws mode refuses local
 * mode's tokens.
 *
 * @param enabled        false: tokens are not checked
 * @param producerTokens tokens of the producer role
 * @param consumerTokens tokens of the consumer role
 * @param adminTokens    tokens of the admin role
 */
public record AuthSettings(boolean enabled, List<String> producerTokens, List<String> consumerTokens,
        List<String> adminTokens) {

    public static final String PREFIX = "chain.auth.";
    public static final Setting<List<String>> PRODUCER_TOKENS = Setting.list(PREFIX + "producer-tokens", "",
            "tokens of the producer role");
    public static final Setting<List<String>> CONSUMER_TOKENS = Setting.list(PREFIX + "consumer-tokens", "",
            "tokens of the consumer role");
    public static final Setting<List<String>> ADMIN_TOKENS = Setting.list(PREFIX + "admin-tokens", "",
            "tokens of the admin role");
    public static final Setting<Boolean> ENABLED = Setting.bool(PREFIX + "enabled", "true",
            "false: tokens are not checked");

    /** The tokens application.properties ships for local mode; aws mode refuses them. */
    public static final Set<String> DEVELOPMENT_TOKENS = Set.of("dev-producer-token", "dev-consumer-token",
            "dev-admin-token");

    static final SettingsGroup<Void> GROUP = SettingsGroup.declaredIn(AuthSettings.class);

    public AuthSettings {
        producerTokens = List.copyOf(producerTokens);
        consumerTokens = List.copyOf(consumerTokens);
        adminTokens = List.copyOf(adminTokens);
    }

    /** The tokens of a role by its key ({@code producer}, {@code consumer}, {@code admin}). */
    public List<String> tokens(String role) {
        return switch (role) {
            case "producer" -> producerTokens;
            case "consumer" -> consumerTokens;
            case "admin" -> adminTokens;
            default -> throw new IllegalArgumentException("No role " + role);
        };
    }

    /** The key a role's tokens are set with, for messages. */
    public static String key(String role) {
        return PREFIX + role + "-tokens";
    }

    /** aws mode starts only with tokens of its own, or with auth explicitly off. */
    static AuthSettings read(ConfigReader in, boolean aws) {
        AuthSettings auth = new AuthSettings(in.get(ENABLED), in.get(PRODUCER_TOKENS), in.get(CONSUMER_TOKENS),
                in.get(ADMIN_TOKENS));
        if (auth.enabled() && aws) {
            for (String role : List.of("producer", "consumer", "admin")) {
                in.check(auth.tokens(role).stream().noneMatch(DEVELOPMENT_TOKENS::contains),
                        key(role) + " holds a development token of local mode; aws mode needs tokens of its own");
            }
            in.check(!(auth.producerTokens().isEmpty() && auth.consumerTokens().isEmpty()
                            && auth.adminTokens().isEmpty()),
                    "aws mode needs bearer tokens: set " + PRODUCER_TOKENS + ", " + CONSUMER_TOKENS + " or "
                            + ADMIN_TOKENS + " (sha256:<hex> entries keep them out of the configuration), or "
                            + ENABLED + "=false");
        }
        return auth;
    }
}
