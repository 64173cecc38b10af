package io.sqsextended.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sqsextended.chain.testkit.RunningJar;

/**
 * Start-up and stop of the jar from {@code java -jar}, on its default settings. Per run: local mode (embedded S3 and
 * SQS), then aws mode against an already running stack (the baseline: the same jar and Camel without the embedded
 * stack), and with {@code --compare=<jar>} local mode of that other build too, interleaved run by run. Each start is
 * timed to its {@code Bound ports:} line (what {@link RunningJar} waits for: the API answers from then on), with the
 * JVM's CPU time (user + system) at that moment and the parts the app logs (the embedded stack, Camel's context start);
 * then, once its consumer is in its long poll with nothing queued, a SIGTERM is timed to the exit.
 * With {@code --jvm="<options>"} (e.g. {@code -XX:SharedArchiveFile=app.jsa}, the image's AppCDS archive) the jar is
 * started a second time per run with those JVM options.
 * Usage: bench/run startup [--runs=5] [--compare=path/to/other.jar] [--jvm="-XX:SharedArchiveFile=app.jsa"]
 */
public final class StartupBench {

    private static final String READY = "Bound ports: ";
    /** Local mode's consumer takes the s3:TestEvent of its start first. */
    private static final String TEST_EVENT_TAKEN = "Acknowledged s3:TestEvent";
    private static final Pattern STACK = Pattern.compile("Embedded S3 at .* started in (\\d+) ms");
    private static final Pattern CONTEXT = Pattern.compile("\\) started in (?:(\\d+)s)?(\\d+)ms");
    /** USER_HZ of /proc/<pid>/stat: 100 on Linux (amd64, arm64). */
    private static final double TICKS_PER_SECOND = 100;

    /** One start and stop: seconds, or NaN where the mode has no such part. */
    record Run(double ready, double cpu, double stack, double context, double stop) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path compare = null;
        String[] jvm = null;
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else if (arg.startsWith("--compare=")) {
                compare = Path.of(arg.substring("--compare=".length()));
            } else if (arg.startsWith("--jvm=")) {
                jvm = arg.substring("--jvm=".length()).trim().split("\\s+");
            } else if (arg.matches("\\d+")) {
                runs = Integer.parseInt(arg);
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Path work = Files.createTempDirectory("startup-bench");
        Map<String, List<Run>> results = new LinkedHashMap<>();
        String local = "local mode (embedded S3 + SQS)";
        String other = "local mode, " + (compare == null ? "" : compare.getFileName());
        String aws = "aws mode (baseline: no embedded stack)";
        String tuned = "local mode, " + (jvm == null ? "" : String.join(" ", jvm));
        try (Bench.Stack stack = Bench.Stack.start(work)) {
            for (int i = 0; i < runs; i++) {
                results.computeIfAbsent(local, k -> new ArrayList<>())
                        .add(measure(RunningJar.start(work.resolve("local-" + i)), true));
                if (jvm != null) {
                    results.computeIfAbsent(tuned, k -> new ArrayList<>())
                            .add(measure(RunningJar.start(work.resolve("jvm-" + i), jvm), true));
                }
                if (compare != null) {
                    results.computeIfAbsent(other, k -> new ArrayList<>())
                            .add(measure(RunningJar.startJar(compare, work.resolve("other-" + i)), true));
                }
                results.computeIfAbsent(aws, k -> new ArrayList<>())
                        .add(measure(RunningJar.start(work.resolve("aws-" + i), stack.chainSettings()), false));
                System.out.printf(Locale.ROOT, "run %d: %s, load average %.1f%n", i + 1, last(results), loadAverage());
            }
        }
        Bench.deleteTree(work);
        StringBuilder table = new StringBuilder("| " + runs
                + " runs, medians (min, max) | ready (`Bound ports:`) | CPU at ready (user+sys) "
                + "| embedded stack | Camel context start | stop (SIGTERM to exit) |\n| --- | --- | --- | --- | --- | "
                        + "--- |\n");
        results.forEach((mode, list) -> table.append("| ").append(mode)
                .append(" | ").append(stats(list, Run::ready)).append(" | ").append(stats(list, Run::cpu))
                .append(" | ").append(stats(list, Run::stack)).append(" | ").append(stats(list, Run::context))
                .append(" | ").append(stats(list, Run::stop)).append(" |\n"));
        // per run: the two starts of a ratio ran within the same minute, under the same load
        table.append("| ratio local / aws, per run | ").append(ratio(results.get(local), results.get(aws), Run::ready))
                .append(" | ").append(ratio(results.get(local), results.get(aws), Run::cpu)).append(" | | | ")
                .append(ratio(results.get(local), results.get(aws), Run::stop)).append(" |\n");
        if (compare != null) {
            table.append(ratioRow("local / " + compare.getFileName(), results.get(local), results.get(other)));
        }
        if (jvm != null) {
            table.append(ratioRow("local with / without " + String.join(" ", jvm), results.get(tuned),
                    results.get(local)));
        }
        table.append(String.format(Locale.ROOT, "%nLoad average at the end: %.1f (2 cores).%n", loadAverage()));
        Bench.report("startup", "bench/run startup --runs=" + runs + (compare == null ? "" : " --compare=" + compare)
                + (jvm == null ? "" : " --jvm=\"" + String.join(" ", jvm) + "\""), table.toString());
    }

    /** Starts, waits until ready, then until idle, and stops; the jar ends in any case. */
    private static Run measure(RunningJar jar, boolean localMode) throws Exception {
        try (jar) {
            double ready = jar.awaitOutput(READY, Bench.STARTUP);
            double cpu = cpuSeconds(jar.pid());
            if (localMode) {
                jar.awaitOutput(TEST_EVENT_TAKEN, Bench.STARTUP);
            }
            jar.awaitConsumerPolling(Bench.STARTUP);
            long stopping = System.nanoTime();
            jar.stop();
            double stop = (System.nanoTime() - stopping) / 1e9;
            return new Run(ready, cpu, seconds(jar, STACK), seconds(jar, CONTEXT), stop);
        }
    }

    /** What the first line matching {@code pattern} says, in seconds; NaN when none does (aws mode has no stack). */
    private static double seconds(RunningJar jar, Pattern pattern) {
        for (String line : jar.output()) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.groupCount() == 1 ? Long.parseLong(m.group(1)) / 1e3
                        : (m.group(1) == null ? 0 : Long.parseLong(m.group(1))) + Long.parseLong(m.group(2)) / 1e3;
            }
        }
        return Double.NaN;
    }

    /** User + system CPU time of a process so far, from /proc (Linux). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static String stats(List<Run> runs, ToDoubleFunction<Run> part) {
        List<Double> values = runs.stream().map(part::applyAsDouble).filter(v -> !v.isNaN()).toList();
        return values.isEmpty() ? "" : Bench.Stats.of(values).format("s");
    }

    private static String ratioRow(String label, List<Run> runs, List<Run> baseline) {
        return "| ratio " + label + ", per run | " + ratio(runs, baseline, Run::ready) + " | "
                + ratio(runs, baseline, Run::cpu)
                + " | " + ratio(runs, baseline, Run::stack) + " | " + ratio(runs, baseline, Run::context)
                + " | " + ratio(runs, baseline, Run::stop) + " |\n";
    }

    private static String ratio(List<Run> runs, List<Run> baseline, ToDoubleFunction<Run> part) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ratios.add(part.applyAsDouble(runs.get(i)) / part.applyAsDouble(baseline.get(i)));
        }
        return Bench.Stats.of(ratios).formatRatio();
    }

    private static String last(Map<String, List<Run>> results) {
        StringBuilder line = new StringBuilder();
        results.forEach((mode, list) -> {
            Run run = list.get(list.size() - 1);
            line.append(String.format(Locale.ROOT, "%s%s ready %.1f s, CPU %.1f s, stop %.2f s", line.length() == 0
                    ? "" : "; ",
                    mode, run.ready(), run.cpu(), run.stop()));
        });
        return line.toString();
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
