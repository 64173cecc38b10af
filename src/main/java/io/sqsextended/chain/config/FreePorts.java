package io.sqsextended.chain.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import io.sqsextended.chain.local.LocalSettings;
import org.apache.camel.CamelContext;

/**
 * Refuses the start, before any server is started, when a port the app would listen on is taken: Vert.x only logs
 * its bind failure and the app would run on without its API, and a busy SQS port would put the app on another
 * instance's queues. Ports of 0 or less are chosen by the servers and always free.
 */
final class FreePorts {

    private record Listener(String key, String host, int port) {
    }

    private FreePorts() {
    }

    static void require(CamelContext context, ChainConfig config) {
        List<Listener> listeners = new ArrayList<>();
        int api = BoundPorts.configuredApiPort(context);
        if (enabled(context, "camel.server.enabled")) {
            listeners.add(new Listener(BoundPorts.API_PORT, BoundPorts.camelHost(context, "camel.server.host"), api));
        }
        int management = BoundPorts.camelPort(context, BoundPorts.MANAGEMENT_PORT, BoundPorts.DEFAULT_MANAGEMENT_PORT);
        // a management port equal to the API's is served by the API's server
        if (enabled(context, "camel.management.enabled") && management != api) {
            listeners.add(new Listener(BoundPorts.MANAGEMENT_PORT, BoundPorts.camelHost(context, "camel.management.host"), management));
        }
        if (config.isLocal()) {
            LocalSettings local = config.local();
            listeners.add(new Listener(ChainKeys.LOCAL_S3_PORT.name(), local.bindAddress(), local.s3Port()));
            listeners.add(new Listener(ChainKeys.LOCAL_SQS_PORT.name(), local.bindAddress(), local.sqsPort()));
        }
        listeners.stream().filter(listener -> listener.port() > 0).forEach(FreePorts::requireFree);
    }

    private static void requireFree(Listener listener) {
        // as the servers bind: address reuse on, so that a port left in TIME_WAIT by the last run counts as free
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listener.host(), listener.port()));
        } catch (IOException e) {
            throw new StartRefusedException("Cannot start: port " + listener.port() + " on " + listener.host() + " cannot be bound ("
                    + e.getMessage() + "); stop what holds it or set " + listener.key() + " to a free port (0: any)");
        }
    }

    private static boolean enabled(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).map(Boolean::parseBoolean).orElse(false);
    }
}
