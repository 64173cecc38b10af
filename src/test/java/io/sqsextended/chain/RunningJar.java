package io.sqsextended.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged jar in a process of its own, as an operator starts it, with its output captured. */
public final class RunningJar implements AutoCloseable {

    static final String JAR = System.getProperty("chain.test.jar", "target/sqs-extended-chain.jar");

    private final Process process;
    private final List<String> output;
    private final long startedNanos = System.nanoTime();
    private final Thread reader;

    private RunningJar(Process process, List<String> output) {
        this.process = process;
        this.output = output;
        this.reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException e) {
                // the process ended and its stream was closed
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with these {@code -D} settings, without any AWS credentials in reach, in {@code home}. */
    public static RunningJar start(Path home, String... properties) throws IOException {
        return start(home, new CopyOnWriteArrayList<>(), List.of(properties));
    }

    /** Starts the jar appending its output to {@code output}, a list that may span restarts. */
    public static RunningJar start(Path home, List<String> output, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(properties);
        command.addAll(List.of("-jar", Path.of(JAR).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CHAIN_"));
        builder.environment().put("HOME", home.toString());
        return new RunningJar(builder.start(), output);
    }

    /** Waits for a line of output containing {@code text}; returns the seconds since the start. */
    public double awaitOutput(String text, Duration timeout) {
        return awaitOutput(text, 0, timeout);
    }

    /** The same, looking only at the lines from {@code fromLine} on (the output of this start, not of earlier ones). */
    public double awaitOutput(String text, int fromLine, Duration timeout) {
        await().atMost(timeout).until(() -> output.subList(fromLine, output.size()).stream().anyMatch(line -> line.contains(text))
                || !process.isAlive());
        if (output.subList(fromLine, output.size()).stream().noneMatch(line -> line.contains(text))) {
            throw new AssertionError("The jar ended without printing '" + text + "':\n" + String.join("\n", output));
        }
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public List<String> output() {
        return output;
    }

    /** Stops the jar as an orchestrator does (SIGTERM: exit code 143 after a graceful shutdown) and returns its exit code. */
    public int stop() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output stream
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** kill -9: no shutdown hook, no graceful stop. Returns once all it printed is in {@link #output()}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
