package io.sqsextended.chain;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sqsextended.chain.wire.AwsSettings;
import io.sqsextended.chain.config.BoundPorts;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.local.LocalAws;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The whole application in the test's JVM, in local mode, on ports its servers bind themselves and a data dir of the
 * test's own. Tests talk to it as clients do: HTTP to the API, S3 and SQS over HTTP to the embedded stack.
 * Tests start it through {@link io.sqsextended.chain.testkit.ChainExtension}, whose engine it is (it lives here, beside
 * {@link Application}, for {@code Application.newMain()}).
 */
public final class ChainApp implements AutoCloseable {

    // Vert.x binds 0 to a free port, and a negative port to a free port of its own: two distinct settings keep
    // Camel from serving management on the API's server (it shares a server whose configured port is equal)
    private static final int API_PORT = 0;
    private static final int MANAGEMENT_PORT = -1;

    private final Main main;

    private ChainApp(Main main) {
        this.main = main;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:12345}. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + boundPort(API_PORT));
    }

    /** Base URI of the management server (health, metrics). */
    public URI management() {
        return URI.create("http://127.0.0.1:" + boundPort(MANAGEMENT_PORT));
    }

    /** The embedded stack, for failure drills (stop and start the S3). */
    public LocalAws localAws() {
        return context().hasService(LocalAws.class);
    }

    public String property(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElseThrow();
    }

    /** Settings for test clients that talk to the app's embedded S3 and SQS. */
    public AwsSettings clientSettings() {
        return context().getRegistry().lookupByNameAndType("chainAwsSettings", AwsSettings.class);
    }

    @Override
    public void close() {
        main.stop();
    }

    /** The port the server configured with {@code configured} bound, read from the running server. */
    private int boundPort(int configured) {
        return BoundPorts.port(context(), configured)
                .orElseThrow(() -> new IllegalStateException("No HTTP server configured with port " + configured));
    }

    /** What the app starts with; later settings override earlier ones, all override application.properties. */
    public static final class Builder {

        private final Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
            // tests of the consumer chain switch it on; others keep the queue
            // to themselves (and stop without waiting for a long poll)
            properties.put(ConsumerSettings.ENABLED.name(), "false");
            // short polls: stopping the app waits for the poll under way
            properties.put(ConsumerSettings.WAIT_TIME_SECONDS.name(), "1");
        }

        /** The consumer chain on; a graceful stop waits only briefly (tests of it set their own timeout). */
        public Builder consumer() {
            properties.put(ConsumerSettings.ENABLED.name(), "true");
            properties.put("camel.main.shutdown-timeout", "2");
            return this;
        }

        /**
         * Where the chain delivers payloads ({@code chain.downstream.uri}), e.g. {@link
         * io.sqsextended.chain.testkit.RecordingDownstream#URI}.
         */
        public Builder downstream(String uri) {
            return property(ConsumerSettings.DOWNSTREAM_URI.name(), uri);
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        public ChainApp start() throws Exception {
            Main main = Application.newMain();
            main.addOverrideProperty(ChainKeys.LOCAL_DATA_DIR.name(), dataDir.toString());
            // the embedded stack picks its own free ports (0: LocalAws), the HTTP servers bind theirs
            main.addOverrideProperty(ChainKeys.LOCAL_S3_PORT.name(), "0");
            main.addOverrideProperty(ChainKeys.LOCAL_SQS_PORT.name(), "0");
            main.addOverrideProperty("camel.server.port", String.valueOf(API_PORT));
            main.addOverrideProperty("camel.management.port", String.valueOf(MANAGEMENT_PORT));
            properties.forEach(main::addOverrideProperty);
            try {
                main.start();
            } catch (Exception | Error e) {
                // a start that fails after the embedded stack came up must not leave it running for the next test
                LocalAws local = main.getCamelContext() == null ? null : main.getCamelContext()
                        .hasService(LocalAws.class);
                if (local != null) {
                    local.stop();
                }
                throw e;
            }
            return new ChainApp(main);
        }
    }
}
