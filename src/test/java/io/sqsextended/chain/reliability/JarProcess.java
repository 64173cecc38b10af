package io.sqsextended.chain.reliability;

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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged jar in a process of its own, its output appended to a list shared across restarts. */
final class JarProcess {

    static final String JAR = System.getProperty("chain.test.jar", "target/sqs-extended-chain.jar");

    private final Process process;
    private final List<String> output;

    private JarProcess(Process process, List<String> output) {
        this.process = process;
        this.output = output;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException e) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    static JarProcess start(Path home, List<String> output, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(properties);
        command.addAll(List.of("-jar", Path.of(JAR).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CHAIN_"));
        return new JarProcess(builder.start(), output);
    }

    void awaitOutput(String text, int fromLine, Duration timeout) {
        await().atMost(timeout).until(() -> output.subList(fromLine, output.size()).stream().anyMatch(line -> line.contains(text))
                || !process.isAlive());
        if (output.subList(fromLine, output.size()).stream().noneMatch(line -> line.contains(text))) {
            throw new AssertionError("The jar ended without printing '" + text + "'");
        }
    }

    /** kill -9: no shutdown hook, no graceful stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops it. */
    void stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
