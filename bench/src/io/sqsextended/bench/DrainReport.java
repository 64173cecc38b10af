package io.sqsextended.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import io.sqsextended.bench.DrainBench.Drained;

/**
 * The tables of {@link DrainBench}: rates with their ratios per run, CPU per payload, heaps, and each JVM after its
 * first drain.
 */
final class DrainReport {

    /** The suffix of a consumer's second and further JVMs ({@code DrainBench.Options#copyName}). */
    private static final Pattern COPY = Pattern.compile(" #\\d+$");

    private DrainReport() {
    }

    static String table(Map<String, Map<String, List<Drained>>> byJvm, Map<String, long[]> heaps, Map<String,
            long[]> starts, DrainBench.Options options) {
        Map<String, Map<String, List<Drained>>> results = new LinkedHashMap<>();
        byJvm.forEach((title, table) -> results.put(title, pooled(table)));
        String bareName = "bare SDK loop (" + options.threads + " threads)";
        String springName = options.springs.stream().filter(s -> !s.equals("default")).findFirst()
                .map(SpringPeerJvm::name).orElse(null);
        StringBuilder text = new StringBuilder();
        results.forEach((title, table) -> {
            text.append("\n### ").append(title).append(", ").append(options.count).append(" x ")
                    .append(Bench.size(options.size))
                    .append(", drain only\n\n| consumer | payloads/s over ").append(options.runs)
                    .append(" runs | ratio to the bare loop of the same run: median (min, max) | ratio to ")
                    .append(springName != null ? springName : "Spring Cloud AWS tuned")
                    .append(" of the same run | CPU per payload of its process: median (min, max) | of which its JIT "
                            + "compiler threads': median (min, max) | CPU per payload without the JIT compiler's: "
                            + "median (min, max) | CPU per payload / its of the same run, without the JIT "
                            + "compiler's: median (min, max) | heap allocated per payload: median (min, max) | "
                            + "the same / its of the same run | the embedded stack's CPU per payload, without its "
                            + "JIT compiler's: median (min, max) |\n| --- | --- | --- | --- | --- | --- | --- | --- "
                            + "| --- | --- | --- |\n");
            List<Drained> bare = table.get(bareName);
            List<Drained> spring = springName != null ? table.get(springName) : null;
            table.forEach((consumer, values) -> {
                String toBare = bare != null ? ratios(values, bare) : "none: --hold=" + options.hold
                        + " runs no baseline";
                String toSpring = spring != null ? ratios(values, spring) : springName != null
                        ? "none: the peer drains events only" : "";
                String cpuToSpring = spring == null ? "" : ratios(values, spring, Drained::workMillis);
                String allocatedToSpring = spring == null ? "" : ratios(values, spring, Drained::allocatedKiB);
                Bench.Stats cpu = stats(values, Drained::cpuMillis);
                Bench.Stats jit = stats(values, Drained::compilerMillis);
                Bench.Stats work = stats(values, Drained::workMillis);
                Bench.Stats allocated = stats(values, Drained::allocatedKiB);
                Bench.Stats stack = stats(values, Drained::stackMillis);
                // the in-process loops run in the bench's JVM, whose other threads wait meanwhile
                String process = consumer.equals(bareName) || consumer.startsWith("AWS extended client")
                        ? " (bench JVM)" : "";
                text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f ms (%.2f, %.2f)%s | %.2f ms "
                        + "(%.2f, %.2f) | %.2f ms (%.2f, %.2f) | %s | %s | %s | %.2f ms (%.2f, %.2f) |%n", consumer,
                        stats(values, Drained::rate).format("/s"), toBare, toSpring, cpu.median(), cpu.min(),
                        cpu.max(), process, jit.median(), jit.min(), jit.max(), work.median(), work.min(), work.max(),
                        cpuToSpring, kib(allocated), process.isEmpty() ? allocatedToSpring : "",
                        stack.median(), stack.min(), stack.max()));
            });
        });
        if (options.chainCount() > 1) {
            String first = options.chainName(0);
            text.append("\n| chain, latency and kind | CPU per payload / ").append(first)
                    .append("'s of the same run: median (min, max) | the same without the JIT compiler's | "
                            + "payloads/s / its: median (min, max) | heap allocated per payload / its |\n"
                            + "| --- | --- | --- | --- | --- |\n");
            results.forEach((title, table) -> {
                for (int c = 1; c < options.chainCount(); c++) {
                    List<Drained> values = table.get(options.chainName(c));
                    text.append("| ").append(options.chainName(c)).append(", ").append(title).append(" | ")
                            .append(ratios(values, table.get(first), Drained::cpuMillis)).append(" | ")
                            .append(ratios(values, table.get(first), Drained::workMillis)).append(" | ")
                            .append(ratios(values, table.get(first), Drained::rate)).append(" | ")
                            .append(ratios(values, table.get(first), Drained::allocatedKiB)).append(" |\n");
                }
            });
        }
        if (options.jvms > 1) {
            text.append("\n| consumer, latency and kind (each JVM of --jvms=").append(options.jvms)
                    .append(") | CPU per payload without the JIT compiler's: median (min, max) | heap allocated per "
                            + "payload: median (min, max) | payloads/s |\n| --- | --- | --- | --- |\n");
            byJvm.forEach((title, table) -> table.forEach((consumer, values) -> {
                Bench.Stats work = stats(values, Drained::workMillis);
                Bench.Stats allocated = stats(values, Drained::allocatedKiB);
                text.append(String.format(Locale.ROOT, "| %s, %s | %.2f ms (%.2f, %.2f) | %s | %s |%n", consumer,
                        title, work.median(), work.min(), work.max(), kib(allocated),
                        stats(values, Drained::rate).format("/s")));
            }));
        }
        if (!heaps.isEmpty()) {
            text.append(
                    "\n| chain, latency | heap used after a full GC half way through a drain, max over runs | "
                    + "messages in flight then "
                    + "| heap after a full GC just before that drain (paused) |\n| --- | --- | --- | --- |\n");
            heaps.forEach((label, figures) -> text.append("| ").append(label).append(" | ").append(figures[0])
                    .append(" MiB | ")
                    .append(figures[1]).append(" | ").append(figures[2]).append(" MiB |\n"));
        }
        if (!starts.isEmpty()) {
            text.append(
                    "\n| consumer (a JVM of its own) | payloads of its first drain | live threads at its end | peak "
                    + "threads "
                    + "| JIT compile time from its start to the end of that drain (elapsed) "
                    + "| its JIT compiler threads' CPU |\n| --- | --- | --- | --- | --- | --- |\n");
            starts.forEach((consumer, figures)
                    -> text.append(String.format(Locale.ROOT, "| %s | %,d | %d | %d | %.1f s | %.1f s |%n",
                    consumer, figures[0], figures[1], figures[2], figures[3] / 1000.0, figures[4] / 1e9)));
        }
        return text.toString();
    }

    /**
     * One row per consumer: the JVMs of one (its name, then " #2"...) pooled, each run's figures the mean of its JVMs'
     * in that run, so that a ratio per run compares builds, not one JIT's draw with another's.
     */
    static Map<String, List<Drained>> pooled(Map<String, List<Drained>> table) {
        Map<String, List<List<Drained>>> jvms = new LinkedHashMap<>();
        table.forEach((consumer, values) -> jvms.computeIfAbsent(COPY.matcher(consumer).replaceFirst(""),
                k -> new ArrayList<>()).add(values));
        Map<String, List<Drained>> pooled = new LinkedHashMap<>();
        jvms.forEach((consumer, copies) -> {
            List<Drained> runs = new ArrayList<>();
            for (int run = 0; run < copies.get(0).size(); run++) {
                int r = run;
                List<Drained> ofRun = copies.stream().map(values -> values.get(r)).toList();
                runs.add(ofRun.size() == 1 ? ofRun.get(0) : new Drained(mean(ofRun, Drained::rate),
                        mean(ofRun, Drained::cpuMillis), mean(ofRun, Drained::compilerMillis),
                        mean(ofRun, Drained::allocatedKiB), mean(ofRun, Drained::stackMillis), null));
            }
            pooled.put(consumer, runs);
        });
        return pooled;
    }

    /** KiB: median (min, max); "n/a" for the in-process loops, whose threads end with their drain. */
    private static String kib(Bench.Stats allocated) {
        return Double.isNaN(allocated.median()) ? "n/a" : String.format(Locale.ROOT, "%.1f KiB (%.1f, %.1f)",
                allocated.median(), allocated.min(), allocated.max());
    }

    private static double mean(List<Drained> values, ToDoubleFunction<Drained> figure) {
        return values.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    /** Ratio of each run's rate to the same run's rate of {@code baseline}: median (min, max). */
    private static String ratios(List<Drained> values, List<Drained> baseline) {
        return ratios(values, baseline, Drained::rate);
    }

    /** The same for any figure of a drain. */
    private static String ratios(List<Drained> values, List<Drained> baseline, ToDoubleFunction<Drained> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(figure.applyAsDouble(values.get(i)) / figure.applyAsDouble(baseline.get(i)));
        }
        return Bench.Stats.of(ratios).formatRatio();
    }

    private static Bench.Stats stats(List<Drained> values, ToDoubleFunction<Drained> figure) {
        return Bench.Stats.of(values.stream().map(figure::applyAsDouble).toList());
    }
}
