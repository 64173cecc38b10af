package io.sqsextended.chain.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.sqsextended.chain.config.setting.StartRefusedException;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.net.Ports;
import org.apache.camel.CamelContext;

/**
 * Refuses the start, before any server is started, when a port the app would listen on is taken: Vert.x only logs
 * its bind failure and the app would run on without its API, and a busy SQS port would put the app on another
 * instance's queues. Ports of 0 or less are chosen by the servers and always free. A port taken between this check
 * and the real bind is refused once started ({@link #requireBound}), with the same line.
 */
final class FreePorts {

    private record Listener(String key, String host, int port) {
    }

    private FreePorts() {
    }

    static void require(CamelContext context, ChainConfig config) {
        List<Listener> listeners = httpListeners(context);
        if (config.isLocal()) {
            LocalSettings local = config.local();
            listeners.add(new Listener(ChainKeys.LOCAL_S3_PORT.name(), local.bindAddress(), local.s3Port()));
            listeners.add(new Listener(ChainKeys.LOCAL_SQS_PORT.name(), local.bindAddress(), local.sqsPort()));
        }
        listeners.stream().filter(listener -> listener.port() > 0).forEach(FreePorts::requireFree);
    }

    /**
     * Refuses a start whose API or management server did not bind its port (Vert.x logs that, and goes on without it).
     */
    static void requireBound(CamelContext context) {
        for (Listener listener : httpListeners(context)) {
            if (!BoundPorts.listening(context, listener.port())) {
                // what holds it now says why, as the check before the start would have
                requireFree(listener);
                throw refusal(listener, "its server did not bind it");
            }
        }
    }

    private static List<Listener> httpListeners(CamelContext context) {
        List<Listener> listeners = new ArrayList<>();
        int api = BoundPorts.configuredApiPort(context);
        if (enabled(context, "camel.server.enabled")) {
            listeners.add(new Listener(BoundPorts.API_PORT, BoundPorts.camelHost(context, BoundPorts.API_HOST), api));
        }
        int management = BoundPorts.camelPort(context, BoundPorts.MANAGEMENT_PORT, BoundPorts.DEFAULT_MANAGEMENT_PORT);
        // a management port equal to the API's is served by the API's server
        if (enabled(context, "camel.management.enabled") && management != api) {
            listeners.add(new Listener(BoundPorts.MANAGEMENT_PORT,
                    BoundPorts.camelHost(context, BoundPorts.MANAGEMENT_HOST), management));
        }
        return listeners;
    }

    private static void requireFree(Listener listener) {
        try {
            Ports.requireFree(listener.host(), listener.port());
        } catch (IOException e) {
            throw refusal(listener, e.getMessage());
        }
    }

    private static StartRefusedException refusal(Listener listener, String reason) {
        return new StartRefusedException("Cannot start: port " + listener.port() + " on " + listener.host()
                + " cannot be bound ("
                + reason + "); stop what holds it or set " + listener.key() + " to a free port (0: any)");
    }

    private static boolean enabled(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).map(Boolean::parseBoolean)
                .orElse(false);
    }
}
