package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.sqsextended.chain.docker.DockerCli.docker;
import static org.awaitility.Awaitility.await;

/**
 * The image run as the README runs it, {@code docker run -d --stop-timeout
 * 45} with settings in its environment, each port published on a free port of the host's loopback only. {@link
 * #close()} removes it and its anonymous volumes.
 */
final class ChainContainer implements AutoCloseable {

    static final int API = 8080;
    static final int MANAGEMENT = 9876;
    static final int S3 = 9000;
    static final int SQS = 9324;
    static final int STOP_TIMEOUT_SECONDS = 45;

    private final String name = "chain-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<Integer, Integer> published = new LinkedHashMap<>();
    // Camel's graceful shutdown (camel.main.shutdown-timeout, 30 s) and the JVM's exit, not docker's default 10 s
    private final List<String> options = new ArrayList<>(
            List.of("--stop-timeout", String.valueOf(STOP_TIMEOUT_SECONDS)));
    private int apiPort = API;

    /** Publishes these container ports (the ports the app binds inside) each on a free port of 127.0.0.1. */
    ChainContainer ports(int... containerPorts) {
        for (int port : containerPorts) {
            published.put(port, freePort());
        }
        return this;
    }

    ChainContainer env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** {@code -e CAMEL_SERVER_PORT=port}, and the API reached there. */
    ChainContainer apiPort(int port) {
        apiPort = port;
        return env("CAMEL_SERVER_PORT", String.valueOf(port));
    }

    /** Further {@code docker run} options, e.g. {@code -v volume:/app/data}. */
    ChainContainer option(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** Runs it and waits for its {@code Bound ports:} line (every server bound, every route started). */
    ChainContainer start() {
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name));
        published.forEach((container, host) -> command.addAll(List.of("-p", "127.0.0.1:" + host + ":" + container)));
        environment.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
        command.addAll(options);
        command.add(ImageUnderTest.tag());
        docker(command.toArray(String[]::new));
        try {
            awaitLog("Bound ports:", Duration.ofSeconds(120));
        } catch (RuntimeException | AssertionError e) {
            // try-with-resources closes only what start() returned
            close();
            throw e;
        }
        return this;
    }

    /** {@code docker stop}, SIGKILL only after the container's stop timeout: how long it took. */
    Duration stop() {
        long started = System.nanoTime();
        docker("stop", name);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code docker inspect -f FORMAT}, e.g. {@code {{.State.Health.Status}}}. */
    String inspect(String format) {
        return docker("inspect", "-f", format, name);
    }

    String exec(String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        return docker(args.toArray(String[]::new));
    }

    String logs() {
        return DockerCli.run(List.of("docker", "logs", name), 60).output();
    }

    /** Waits for a line with {@code text}; an AssertionError with the last lines when the container exits first. */
    void awaitLog(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> logs().contains(text) || "exited".equals(inspect("{{.State.Status}}")));
        if (!logs().contains(text)) {
            throw new AssertionError("The container exited before logging \"" + text + "\":\n" + tail());
        }
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + published.get(apiPort));
    }

    URI url(int containerPort) {
        return URI.create("http://127.0.0.1:" + published.get(containerPort));
    }

    private String tail() {
        List<String> lines = logs().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        DockerCli.run(List.of("docker", "rm", "-f", "-v", name), 120);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
