package io.sqsextended.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** What every benchmark shares: the jar in a process, statistics over runs, and the result file. */
final class Bench {

    static final Path JAR = Path.of("target/sqs-extended-chain.jar").toAbsolutePath();

    private Bench() {
    }

    /** Median, minimum and maximum of a series of runs. */
    record Stats(double median, double min, double max) {

        static Stats of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Stats(median, sorted[0], sorted[n - 1]);
        }

        /** Spread as (max - min) / median, in percent. */
        double spreadPercent() {
            return median == 0 ? 0 : 100 * (max - min) / median;
        }

        String format(String unit) {
            return String.format(Locale.ROOT, "%.1f %s (min %.1f, max %.1f, spread %.0f%%)", median, unit, min, max, spreadPercent());
        }
    }

    /** The packaged jar in its own process, its output captured line by line. */
    static final class JarProcess implements AutoCloseable {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final long startNanos = System.nanoTime();

        JarProcess(Path workDir, String heap, String... properties) throws IOException {
            List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap));
            command.addAll(Arrays.asList(properties));
            command.addAll(List.of("-jar", JAR.toString()));
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    lines.lines().forEach(output::add);
                } catch (IOException | RuntimeException e) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Milliseconds from the start until a line contains {@code text}. */
        double awaitLine(String text, long timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (output.stream().anyMatch(line -> line.contains(text))) {
                    return (System.nanoTime() - startNanos) / 1e6;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("No line with '" + text + "':\n" + String.join("\n", output));
        }

        /** Resident set size high-water mark of the process, from /proc (Linux). */
        long peakRssKiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    /** Prints the table and writes it to bench/results/{name}-{date}.md with the command that made it. */
    static void report(String name, String command, String table) throws IOException {
        String text = "## " + name + "\n\n" + LocalDate.now() + ", " + machine() + "\n\nCommand: `" + command + "`\n\n" + table + "\n";
        System.out.println(text);
        Path file = Path.of("bench/results", name + "-" + LocalDate.now() + ".md");
        Files.writeString(file, text);
        System.out.println("Written to " + file);
    }
}
