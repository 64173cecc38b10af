package io.sqsextended.chain.config;

import java.util.List;
import java.util.Set;

/**
 * Bearer tokens of the presign API per role ({@code chain.auth.*}), plain or {@code sha256:<hex>}.
 *
 * @param enabled        false: tokens are not checked
 * @param producerTokens tokens of the producer role
 * @param consumerTokens tokens of the consumer role
 * @param adminTokens    tokens of the admin role
 */
public record AuthSettings(boolean enabled, List<String> producerTokens, List<String> consumerTokens, List<String> adminTokens) {

    /** The tokens application.properties ships for local mode; aws mode refuses them. */
    public static final Set<String> DEVELOPMENT_TOKENS = Set.of("dev-producer-token", "dev-consumer-token", "dev-admin-token");

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
        return "chain.auth." + role + "-tokens";
    }
}
