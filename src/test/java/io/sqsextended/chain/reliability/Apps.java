package io.sqsextended.chain.reliability;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;

/**
 * The app for the reliability tests: consumer on, and secrets of its own (tokens, the embedded stack's secret key)
 * that occur nowhere else, so that a log line containing one is a leak beyond doubt.
 */
final class Apps {

    static final String PRODUCER_TOKEN = "rel-producer-" + UUID.randomUUID();
    static final String CONSUMER_TOKEN = "rel-consumer-" + UUID.randomUUID();
    static final String ADMIN_TOKEN = "rel-admin-" + UUID.randomUUID();
    static final String SECRET_KEY = "rel-secret-" + UUID.randomUUID();

    private Apps() {
    }

    static ChainApp start(Path dataDir, Map<String, String> properties) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("chain.consumer.enabled", "true");
        // a graceful stop waits for the poll under way; these tests wait for their messages before stopping
        all.put("camel.main.shutdown-timeout", "5");
        all.put("chain.auth.producer-tokens", PRODUCER_TOKEN);
        all.put("chain.auth.consumer-tokens", CONSUMER_TOKEN);
        all.put("chain.auth.admin-tokens", ADMIN_TOKEN);
        all.put("chain.local.secret-key", SECRET_KEY);
        all.put("chain.downstream.uri", Recorder.URI);
        all.putAll(properties);
        return ChainApp.start(dataDir, all);
    }

    /** The secrets no log line may contain. */
    static String[] secrets() {
        return new String[] {PRODUCER_TOKEN, CONSUMER_TOKEN, ADMIN_TOKEN, SECRET_KEY};
    }
}
