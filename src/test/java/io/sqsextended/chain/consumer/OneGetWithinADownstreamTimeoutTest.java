package io.sqsextended.chain.consumer;

import java.nio.file.Path;

import io.sqsextended.chain.ChainApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sqsextended.chain.consumer.OneGetPerPayloadTest.deliver;
import static io.sqsextended.chain.consumer.OneGetPerPayloadTest.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The downstreams of {@link OneGetPerPayloadTest} called within a downstream timeout (on a thread of their own, on a
 * copy of the exchange): still one GET per attempt.
 */
class OneGetWithinADownstreamTimeoutTest {

    @TempDir
    static Path dataDir;
    static ChainApp app;

    @BeforeAll
    static void start() throws Exception {
        app = OneGetPerPayloadTest.app(dataDir, "30s");
    }

    @AfterAll
    static void stop() {
        OneGetPerPayloadTest.gets.close();
        app.close();
    }

    @Test
    void aConversionToStringSendsOneGet() {
        assertThat(deliver(app, "convert")).isEqualTo(1);
    }

    @Test
    void theBodyLoggedAfterAReadIsReplayedWithoutASecondGet() {
        assertThat(deliver(app, "log-after-read")).isEqualTo(1);
    }

    @Test
    void aRedeliveryGetsThePayloadAgain() {
        assertThat(deliver(app, key("fail-once"), 2)).isEqualTo(2);
    }
}
