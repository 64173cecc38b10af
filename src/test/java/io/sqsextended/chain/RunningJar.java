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
final class RunningJar implements AutoCloseable {

    static final String JAR = System.getProperty("chain.test.jar", "target/sqs-extended-chain.jar");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final Thread reader;

    private RunningJar(Process process) {
        this.process = process;
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
    static RunningJar start(Path home, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", Path.of(JAR).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CHAIN_"));
        builder.environment().put("HOME", home.toString());
        return new RunningJar(builder.start());
    }

    /** Waits for a line of output containing {@code text}; returns the seconds since the start. */
    double awaitOutput(String text, Duration timeout) {
        await().atMost(timeout).until(() -> output.stream().anyMatch(line -> line.contains(text)) || !process.isAlive());
        if (output.stream().noneMatch(line -> line.contains(text))) {
            throw new AssertionError("The jar ended without printing '" + text + "':\n" + String.join("\n", output));
        }
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    List<String> output() {
        return output;
    }

    /** Stops the jar as an orchestrator does (SIGTERM: exit code 143 after a graceful shutdown) and returns its exit code. */
    int stop() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output stream
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
