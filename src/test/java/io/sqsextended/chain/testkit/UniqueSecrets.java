package io.sqsextended.chain.testkit;

import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;

/**
 * Secrets (tokens, the embedded stack's secret key) that occur nowhere else, so that a log line containing one is a
 * leak beyond doubt: the app of {@link ChainExtension#withUniqueSecrets()}, and jars started with the same tokens.
 */
public final class UniqueSecrets {

    public static final String PRODUCER_TOKEN = "rel-producer-" + UUID.randomUUID();
    public static final String CONSUMER_TOKEN = "rel-consumer-" + UUID.randomUUID();
    public static final String ADMIN_TOKEN = "rel-admin-" + UUID.randomUUID();
    public static final String SECRET_KEY = "rel-secret-" + UUID.randomUUID();

    private UniqueSecrets() {
    }

    /** The app's settings for these secrets. */
    public static Map<String, String> properties() {
        return Map.of(AuthSettings.PRODUCER_TOKENS.name(), PRODUCER_TOKEN,
                AuthSettings.CONSUMER_TOKENS.name(), CONSUMER_TOKEN,
                AuthSettings.ADMIN_TOKENS.name(), ADMIN_TOKEN, ChainKeys.LOCAL_SECRET_KEY.name(), SECRET_KEY);
    }

    /** The secrets no log line may contain. */
    public static String[] secrets() {
        return new String[] {PRODUCER_TOKEN, CONSUMER_TOKEN, ADMIN_TOKEN, SECRET_KEY};
    }
}
