package io.sqsextended.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.management.Attribute;
import javax.management.remote.JMXConnector;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What every benchmark shares: the stack jar, statistics over runs, and the result file. */
final class Bench {

    /** The line with which the app says it has started (Camel's "... (sqs-extended-chain) started in 2s"). */
    static final String STARTED = ") started in ";
    static final Duration STARTUP = Duration.ofSeconds(180);

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
            return String.format(Locale.ROOT, "%.1f %s (min %.1f, max %.1f, spread %.0f%%)", median, unit, min, max,
                    spreadPercent());
        }
    }

    /**
     * The jar in local mode with its consumer off, launched by the test kit: the embedded S3 and SQS that every run
     * of a benchmark talks to, the chain (a second jar in aws mode, {@link #chain}) as well as the bare SDK baselines.
     */
    record Stack(RunningJar jar, S3Client s3, SqsClient sqs, Queues notifications) implements AutoCloseable {

        static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
        static final String QUEUE = "sqs-extended-chain-notifications";
        static final String DLQ = "sqs-extended-chain-dlq";

        /** Starts it under {@code work} with these extra settings and JVM options. */
        static Stack start(Path work, String... options) throws IOException, InterruptedException {
            List<String> properties = new ArrayList<>(
                    List.of("-Xmx512m", "-Dchain.local.data-dir=" + work.resolve("data"),
                    "-Dchain.consumer.enabled=false"));
            properties.addAll(List.of(options));
            RunningJar jar = started(RunningJar.start(work.resolve("stack"), properties.toArray(String[]::new)));
            SqsClient sqs = AwsClients.sqs(jar.clientSettings());
            return new Stack(jar, AwsClients.s3(jar.clientSettings()), sqs, new Queues(sqs, QUEUE));
        }

        /**
         * The app in aws mode against this stack, its consumer on, in {@code home}, with these extra settings and JVM
         * options.
         */
        RunningJar chain(Path home, String... options) throws IOException, InterruptedException {
            return started(RunningJar.start(home, chainSettings(options)));
        }

        /** The settings of {@link #chain}: aws mode against this stack, no token checks, then {@code options}. */
        String[] chainSettings(String... options) {
            List<String> properties = new ArrayList<>(RunningJar.awsMode(jar.clientSettings(), BUCKET, QUEUE, DLQ));
            properties.add("-Dchain.auth.enabled=false");
            properties.addAll(List.of(options));
            return properties.toArray(String[]::new);
        }

        /** Sets chain.local.latency of the running stack over its chain MBean. */
        void latency(String latency) throws Exception {
            try (JMXConnector connector = jar.jmx()) {
                connector.getMBeanServerConnection()
                        .setAttribute(LongLivedChain.CHAIN, new Attribute("LocalLatency", latency));
            }
        }

        /** Empties a queue (leftovers and the s3:TestEvent of the start) so that a run counts only its own messages. */
        void purge(Queues queue) {
            sqs.purgeQueue(r -> r.queueUrl(queue.queueUrl));
            queue.awaitNothingPending();
        }

        @Override
        public void close() throws InterruptedException {
            s3.close();
            sqs.close();
            jar.close();
        }
    }

    /** Waits until the jar has started; stops it if it does not (a process left behind would outlive the bench). */
    static RunningJar started(RunningJar jar) throws InterruptedException {
        try {
            jar.awaitOutput(STARTED, STARTUP);
            return jar;
        } catch (RuntimeException | AssertionError e) {
            jar.close();
            throw e;
        }
    }

    /** Resident set size high-water mark of a process, from /proc (Linux). */
    static long peakRssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Marker of the line the drain route logs per payload, counted by the benchmarks. */
    static final String DRAINED = "BENCH-DRAINED";

    /**
     * Writes a user route that reads every payload to its end into nothing (as a bare SDK loop does) and logs one
     * line; returns the folder to pass as chain.routes.dir (downstream: direct:bench-drain).
     */
    static Path drainRoute(Path dir) throws IOException {
        return drainRoute(dir, 0);
    }

    /**
     * The same, holding each payload {@code holdMillis} after reading it, on its thread (a slow downstream), when above
     * 0.
     */
    static Path drainRoute(Path dir, long holdMillis) throws IOException {
        Files.createDirectories(dir);
        String hold = holdMillis <= 0 ? "" : """
                        - delay:
                            expression:
                              constant:
                                expression: "%d"
                            asyncDelayed: false
                """.formatted(holdMillis);
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
                %s
                        - log:
                            message: "%s ${header.PayloadKey} ${header.BenchDrained}"
                """.formatted(hold, DRAINED));
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

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    /** Prints the table and writes it to bench/results/{name}-{date}.md with the command that made it. */
    static void report(String name, String command, String table) throws IOException {
        String text = "## " + name + "\n\n" + LocalDate.now() + ", " + machine() + "\n\nCommand: `" + command + "`\n\n"
                + table + "\n";
        System.out.println(text);
        Path file = Path.of("bench/results", name + "-" + LocalDate.now() + ".md");
        Files.writeString(file, text);
        System.out.println("Written to " + file);
    }
}
