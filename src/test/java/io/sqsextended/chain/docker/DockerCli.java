package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The docker and docker-compose commands as users type them, each a process of its own: exit code and output (both
 * streams).
 */
final class DockerCli {

    private DockerCli() {
    }

    record Result(int exitCode, String output) {

        Result orFail(List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** {@code docker ARGS}: its output, trimmed; an AssertionError with the output when it exits non-zero. */
    static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, 600).orFail(command).output().trim();
    }

    /** Any command, run from the project root (where Maven runs the tests); no exception for a non-zero exit. */
    static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " still running after " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            return new Result(-1, command.get(0) + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
