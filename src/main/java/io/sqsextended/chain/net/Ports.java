package io.sqsextended.chain.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This machine's TCP ports, for whoever listens on one: whether a configured port can be bound now, and ports for
 * servers set to 0 ("any free port"), picked below the kernel's ephemeral range: a port the kernel hands out (as
 * {@code new ServerSocket(0)} would pick) may be given to an outgoing connection between the pick and the server's
 * bind, which then fails with "Address already in use" (seen in CI: ElasticMQ's bind).
 */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int TRIES = 200;

    private Ports() {
    }

    /**
     * The configured ports, each 0 replaced by a port free now; all ports differ from each other (a picked port equal
     * to a configured one would lose the race for it: seen in CI, a restart on its earlier ports).
     */
    public static int[] pick(int... configured) throws IOException {
        int below = ephemeralStart();
        return below > LOWEST ? pickBetween(LOWEST, below, configured) : pickBetween(0, 0, configured);
    }

    /** {@link #pick(int...)} from [lowest, below); an empty range: from the kernel's ephemeral ones. */
    static int[] pickBetween(int lowest, int below, int... configured) throws IOException {
        int[] ports = configured.clone();
        Set<Integer> taken = new HashSet<>();
        Arrays.stream(configured).filter(port -> port > 0).forEach(taken::add);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                if (ports[i] == 0) {
                    ServerSocket socket = bind(lowest, below, taken);
                    held.add(socket);
                    ports[i] = socket.getLocalPort();
                }
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * Binds {@code host:port} and lets it go again, as a server binds: address reuse on, so that a port left in
     * TIME_WAIT by the last run counts as free. The exception says why it cannot be bound.
     */
    public static void requireFree(String host, int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        }
    }

    /**
     * A socket bound to a free port in [lowest, below), or else one the kernel gives, not in {@code taken}: held by the
     * caller so that the next pick cannot return it either.
     */
    private static ServerSocket bind(int lowest, int below, Set<Integer> taken) throws IOException {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            boolean ranged = below > lowest && attempt < TRIES / 2;
            int port = ranged ? ThreadLocalRandom.current().nextInt(lowest, below) : 0;
            if (taken.contains(port)) {
                continue;
            }
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(port));
                if (!taken.contains(socket.getLocalPort())) {
                    return socket;
                }
            } catch (IOException inUse) {
                // another try
            }
            socket.close();
        }
        throw new IOException("No free port found in " + TRIES + " tries");
    }

    /** The first port the kernel gives outgoing connections; 0 where it cannot be read (not Linux). */
    private static int ephemeralStart() {
        try {
            // by lines: procfs files report size 0, and Files.readString read one byte of it
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
