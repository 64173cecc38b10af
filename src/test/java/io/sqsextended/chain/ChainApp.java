package io.sqsextended.chain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import io.sqsextended.chain.config.AwsSettings;
import io.sqsextended.chain.local.LocalAws;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The whole application in the test's JVM, in local mode, on free ports and a data dir of the test's own.
 * Tests talk to it as clients do: HTTP to the API, S3 and SQS over HTTP to the embedded stack.
 */
public final class ChainApp implements AutoCloseable {

    private final Main main;
    private final int httpPort;
    private final int managementPort;

    private ChainApp(Main main, int httpPort, int managementPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Starts the app; {@code properties} override application.properties (e.g. {@code chain.downstream.uri}). */
    public static ChainApp start(Path dataDir, Map<String, String> properties) throws Exception {
        int[] ports = freePorts(4);
        int httpPort = ports[0];
        int managementPort = ports[1];
        Main main = new Main(Application.class);
        main.addOverrideProperty("chain.local.data-dir", dataDir.toString());
        // no port 0 for the embedded stack: the kernel could hand it the HTTP port chosen above, released meanwhile
        main.addOverrideProperty("chain.local.s3-port", String.valueOf(ports[2]));
        main.addOverrideProperty("chain.local.sqs-port", String.valueOf(ports[3]));
        main.addOverrideProperty("camel.server.port", String.valueOf(httpPort));
        main.addOverrideProperty("camel.management.port", String.valueOf(managementPort));
        // tests of the consumer chain switch it on; others keep the queue to themselves (and stop without waiting for a long poll)
        main.addOverrideProperty("chain.consumer.enabled", "false");
        // short polls: stopping the app waits for the poll under way
        main.addOverrideProperty("chain.consumer.wait-time-seconds", "1");
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception | Error e) {
            // a start that fails after the embedded stack came up must not leave it running for the next test
            LocalAws local = main.getCamelContext() == null ? null : main.getCamelContext().hasService(LocalAws.class);
            if (local != null) {
                local.stop();
            }
            throw e;
        }
        return new ChainApp(main, httpPort, managementPort);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:12345}. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Base URI of the management server (health, metrics). */
    public URI management() {
        return URI.create("http://127.0.0.1:" + managementPort);
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

    /** Distinct free ports: all held open together, then released. */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
