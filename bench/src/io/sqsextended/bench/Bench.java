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
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

        String formatRatio() {
            return String.format(Locale.ROOT, "%.2f (min %.2f, max %.2f)", median, min, max);
        }

        String format(String unit) {
            return String.format(Locale.ROOT, "%.1f %s (min %.1f, max %.1f, spread %.0f%%)", median, unit, min, max, spreadPercent());
        }
    }

    /** The packaged jar in its own process, its output captured line by line. */
    static final class JarProcess implements AutoCloseable {
        final Process process;
        // not copy-on-write: a jar that logs a line per request would cost this process a copy of the list per line
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        /** Lines with {@link Bench#DRAINED}, counted as they come (scanning the output each time would cost this process). */
        final AtomicLong drained = new AtomicLong();
        final long startNanos = System.nanoTime();

        JarProcess(Path workDir, String heap, String... properties) throws IOException {
            List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap));
            command.addAll(Arrays.asList(properties));
            command.addAll(List.of("-jar", JAR.toString()));
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    lines.lines().forEach(line -> {
                        if (line.contains(DRAINED)) {
                            drained.incrementAndGet();
                        }
                        output.add(line);
                    });
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
                if (countLines(text) > 0) {
                    return (System.nanoTime() - startNanos) / 1e6;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("No line with '" + text + "':\n" + String.join("\n", lines()));
        }

        /** Lines so far that contain {@code text}. */
        long countLines(String text) {
            if (text.equals(DRAINED)) {
                return drained.get();
            }
            synchronized (output) {
                return output.stream().filter(line -> line.contains(text)).count();
            }
        }

        List<String> lines() {
            synchronized (output) {
                return new ArrayList<>(output);
            }
        }

        /** Waits until {@code count} lines contain {@code text}; returns System.nanoTime() at that moment. */
        long awaitCount(String text, long count, long timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (countLines(text) >= count) {
                    return System.nanoTime();
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException(countLines(text) + " of " + count + " lines with '" + text + "'; last lines:\n"
                    + String.join("\n", lines().subList(Math.max(0, lines().size() - 40), lines().size())));
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

    /** Marker of the line the drain route logs per payload, counted by the benchmarks. */
    static final String DRAINED = "BENCH-DRAINED";

    /**
     * Writes a user route that reads every payload to its end into nothing (as a bare SDK loop does) and logs one
     * line; returns the folder to pass as chain.routes.dir (downstream: direct:bench-drain).
     */
    static Path drainRoute(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench-drain.yaml"), """
                - route:
                    id: bench-drain
                    from:
                      uri: direct:bench-drain
                      steps:
                        - setHeader:
                            name: BenchDrained
                            method:
                              beanType: org.apache.commons.io.IOUtils
                              method: "consume(${body})"
                        - log:
                            message: "%s ${header.PayloadKey} ${header.BenchDrained}"
                """.formatted(DRAINED));
        return dir;
    }

    /** Removes a benchmark's temporary folder (the embedded stack's data: gigabytes after the large benchmark). */
    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** 1024 -> "1 KiB", 1 << 30 -> "1 GiB". */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int unit = 0;
        while (unit < 3 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + " " + units[unit];
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
