package io.sqsextended.chain.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.Application;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client run as users run it: a JVM of its own (the jar's main class, on the test class path) with a small heap,
 * the token in CHAIN_TOKEN; its standard output and error kept in files.
 */
public final class CliProcess {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java Application args...}; {@code token} null leaves CHAIN_TOKEN unset. */
    public static CliProcess start(Path dir, String token, String... args) throws IOException {
        return start(Map.of(), dir, token, args);
    }

    /** As {@link #start(Path, String, String...)}, with these environment variables set too. */
    public static CliProcess start(Map<String, String> environment, Path dir, String token, String... args)
            throws IOException {
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        return start(builder, token, out, err);
    }

    /**
     * Starts the client with its standard error on a terminal (util-linux {@code script}'s pseudo-terminal) and its
     * standard output redirected to a file, as in {@code upload FILE
     * > keys.txt}; {@link #err()} is what the terminal shows.
     */
    public static CliProcess startOnTerminal(Path dir, String token, String... args) throws IOException {
        assumeTrue(Files.isExecutable(SCRIPT), "no " + SCRIPT
                + " (util-linux) to give the client a terminal: test skipped");
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path terminal = Files.createTempFile(dir, "cli", ".terminal");
        StringBuilder shell = new StringBuilder();
        command(args).forEach(word -> shell.append(quoted(word)).append(' '));
        shell.append("> ").append(quoted(out.toString()));
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--quiet", "--return", "--command",
                shell.toString(), "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(terminal.toFile())
                        .redirectErrorStream(true);
        return start(builder, token, out, terminal);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a heap far smaller than the files: the client must stream them
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static CliProcess start(ProcessBuilder builder, String token, Path out, Path err) throws IOException {
        builder.environment().remove("CHAIN_TOKEN");
        if (token != null) {
            builder.environment().put("CHAIN_TOKEN", token);
        }
        return new CliProcess(builder.start(), out, err);
    }

    /** Runs to the end (at most 3 minutes); the exit code. */
    public int exitCode() throws InterruptedException {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The client did not end: " + err());
        }
        return process.exitValue();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
