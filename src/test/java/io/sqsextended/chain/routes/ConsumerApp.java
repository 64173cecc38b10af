package io.sqsextended.chain.routes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.ChainApp;

/** The app with its consumer chain on, for the tests of this package. */
final class ConsumerApp {

    private ConsumerApp() {
    }

    static ChainApp start(Path dataDir, Map<String, String> properties) throws Exception {
        Map<String, String> all = new HashMap<>(properties);
        all.put("chain.consumer.enabled", "true");
        // a graceful stop waits for the consumer's long poll (up to 20 s); these tests leave nothing in flight
        all.putIfAbsent("camel.main.shutdown-timeout", "2");
        return ChainApp.start(dataDir, all);
    }
}
