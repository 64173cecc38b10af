package io.sqsextended.chain.reliability;

import java.nio.file.Path;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.RecordingDownstream;

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

    /** The app with these secrets, its consumer on and the recording downstream; tests add their own settings. */
    static ChainApp.Builder builder(Path dataDir) {
        // a graceful stop waits for the poll under way; these tests wait for their messages before stopping
        return ChainApp.builder(dataDir).consumer().property("camel.main.shutdown-timeout", "5")
                .property("chain.auth.producer-tokens", PRODUCER_TOKEN)
                .property("chain.auth.consumer-tokens", CONSUMER_TOKEN)
                .property("chain.auth.admin-tokens", ADMIN_TOKEN)
                .property("chain.local.secret-key", SECRET_KEY)
                .downstream(RecordingDownstream.URI);
    }

    /** The secrets no log line may contain. */
    static String[] secrets() {
        return new String[] {PRODUCER_TOKEN, CONSUMER_TOKEN, ADMIN_TOKEN, SECRET_KEY};
    }
}
