package io.sqsextended.chain.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.sqsextended.chain.local.LocalAws;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs once started the ports the servers actually bound (port 0 lets each choose a free one), so that whoever started
 * the app reads them instead of guessing: {@code Bound ports: api=8080 management=9876 s3=4566 sqs=9324}. Ports only.
 */
public final class BoundPorts implements StartupListener {

    static final String API_PORT = "camel.server.port";
    static final String MANAGEMENT_PORT = "camel.management.port";
    static final String API_HOST = "camel.server.host";
    static final String MANAGEMENT_HOST = "camel.management.host";
    static final int DEFAULT_API_PORT = 8080;
    static final int DEFAULT_MANAGEMENT_PORT = 9876;
    private static final Logger LOG = LoggerFactory.getLogger(BoundPorts.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // first of the startup listeners: a server without its port ends the start before anyone is told it runs
        FreePorts.requireBound(context);
        Map<String, Integer> ports = new LinkedHashMap<>();
        port(context, configuredApiPort(context)).ifPresent(port -> ports.put("api", port));
        port(context, camelPort(context, MANAGEMENT_PORT, DEFAULT_MANAGEMENT_PORT))
                .ifPresent(port -> ports.put("management", port));
        LocalAws local = context.hasService(LocalAws.class);
        if (local != null) {
            ports.put("s3", local.clientSettings().s3Endpoint().getPort());
            ports.put("sqs", local.clientSettings().sqsEndpoint().getPort());
        }
        LOG.info("Bound ports: {}", ports.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
    }

    /** The API's {@code camel.server.port} as configured (0 or less: the server picks one). */
    public static int configuredApiPort(CamelContext context) {
        return camelPort(context, API_PORT, DEFAULT_API_PORT);
    }

    /**
     * The address a Camel HTTP server binds ({@code camel.server.host}, {@code camel.management.host}; Camel's default:
     * all).
     */
    static String camelHost(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty())
                .orElse("0.0.0.0");
    }

    static int camelPort(CamelContext context, String key, int defaultPort) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty())
                .map(Integer::parseInt).orElse(defaultPort);
    }

    /**
     * Whether the HTTP server configured with {@code configured} listens: after a failed bind its port still reads as
     * configured.
     */
    static boolean listening(CamelContext context, int configured) {
        return context.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(server -> server.getConfigurationPort() == configured)
                .anyMatch(server -> server.getServer() instanceof TCPServerBase tcp && tcp.isListening());
    }

    /**
     * The port the HTTP server configured with {@code configured} bound, read from the running server (empty when none
     * is).
     */
    public static Optional<Integer> port(CamelContext context, int configured) {
        return context.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(server -> server.getConfigurationPort() == configured).findFirst()
                        .map(VertxPlatformHttpServer::getPort);
    }
}
