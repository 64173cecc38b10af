package io.sqsextended.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.wire.InlineMark;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static io.sqsextended.bench.Bench.Stack.QUEUE;

/**
 * FIFO queues against the standard queue (issue 31): one chain JVM ({@link LongLivedChain}) consumes the notification
 * queue (standard) and a FIFO queue ({@code chain.consumer.queues}); each round fills the standard queue, then the
 * FIFO queue once per --groups setting, with the same --count inline messages of --size bytes (SendMessageBatch, the
 * chain's inline mark; FIFO: the i-th in group i mod groups, a fresh deduplication id each), the chain paused, and
 * times the chain's drain of each. A drain is timed from its first payload delivered to its last (n - 1 intervals), so
 * that the resume over JMX and the first poll are not counted. Before the rounds, untimed, the chain drains --warmup
 * messages of the standard queue and of the FIFO queue at the largest --groups (JIT). The report gives messages/s per
 * case, each FIFO case's ratio to the standard queue of the same round, the chain's CPU per message and the machine's
 * load average at each round's start.
 * Usage: bench/run fifo [--runs=3] [--count=600] [--groups=1,100] [--size=1024] [--warmup=2000]
 */
public final class FifoBench {

    static final String FIFO = "bench-chain.fifo";
    static final String STANDARD = "standard queue";
    private static final int SENDERS = 4;

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path work = Files.createTempDirectory("fifo-bench");
        Path routes = Bench.drainRoute(work.resolve("routes"));
        Map<String, List<DrainBench.Drained>> results = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        try (Bench.Stack stack = Bench.Stack.start(work)) {
            Queues fifo = Queues.create(stack.sqs(), FIFO, 5);
            try (LongLivedChain chain = new LongLivedChain(stack, null, work.resolve("chain"), null,
                    "-Dchain.routes.dir=" + routes, "-Dchain.downstream.uri=direct:bench-drain",
                    "-Dchain.consumer.queues=" + QUEUE + "," + FIFO)) {
                chain.pause();
                int most = options.groups.stream().mapToInt(Integer::intValue).max().orElse(1);
                if (options.warmup > 1) {
                    drain(stack, chain, stack.notifications(), 0, options.size, options.warmup);
                    drain(stack, chain, fifo, most, options.size, options.warmup);
                }
                for (int run = 0; run < options.runs; run++) {
                    loads.add(load());
                    add(results, STANDARD, drain(stack, chain, stack.notifications(), 0, options.size, options.count));
                    for (int groups : options.groups) {
                        add(results, name(groups), drain(stack, chain, fifo, groups, options.size, options.count));
                    }
                    StringBuilder line = new StringBuilder("round " + run + ":");
                    results.forEach((name, values) -> line.append(String.format(Locale.ROOT, " %s %.1f/s;", name,
                            values.get(values.size() - 1).rate())));
                    System.out.println(line);
                }
                loads.add(load());
            }
        }
        Bench.deleteTree(work);
        Bench.report("fifo", "bench/run fifo " + String.join(" ", args), table(results, loads, options));
    }

    static String name(int groups) {
        return "FIFO queue, " + groups + (groups == 1 ? " message group" : " message groups");
    }

    /**
     * Fills the queue with n messages while the chain is paused (groups 0: a standard queue), then resumes it until it
     * has drained them: messages/s from its first payload to its last, and its CPU per message meanwhile.
     */
    static DrainBench.Drained drain(Bench.Stack stack, LongLivedChain chain, Queues queue, int groups, int size,
            int n) throws Exception {
        stack.purge(queue);
        fill(stack, queue, groups, size, n).get();
        if (queue.pending() < n) {
            throw new IllegalStateException("queued " + queue.pending() + " of " + n);
        }
        long before = chain.jar.count(Bench.DRAINED);
        JvmFigures cpu = JvmFigures.of(chain.jmx());
        // not chain.resume(): its wait after resuming could hide when the first payload came
        chain.jmx().invoke(LongLivedChain.CHAIN, "resumeConsumer", null, null);
        chain.jar.awaitCount(Bench.DRAINED, before + 1, Duration.ofMinutes(2));
        long first = System.nanoTime();
        chain.jar.awaitCount(Bench.DRAINED, before + n, Duration.ofMinutes(10));
        double rate = (n - 1) / ((System.nanoTime() - first) / 1e9);
        JvmFigures end = JvmFigures.of(chain.jmx());
        chain.pause();
        return DrainBench.Drained.of(rate, n, cpu, end, true);
    }

    /** Sends n inline messages of {@code size} bytes in batches of 10 from {@link #SENDERS} threads. */
    static CompletableFuture<Void> fill(Bench.Stack stack, Queues queue, int groups, int size, int n) {
        String padding = "x".repeat(size);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] senders = new CompletableFuture<?>[SENDERS];
        for (int t = 0; t < SENDERS; t++) {
            senders[t] = CompletableFuture.runAsync(() -> {
                for (int from; (from = next.getAndAdd(10)) < n; ) {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = from; i < Math.min(n, from + 10); i++) {
                        String body = (i + " " + padding).substring(0, size);
                        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                                .id(String.valueOf(i - from)).messageBody(body)
                                .messageAttributes(Map.of(InlineMark.ATTRIBUTE, InlineMark.VALUE));
                        if (groups > 0) {
                            entry.messageGroupId("g" + i % groups).messageDeduplicationId(UUID.randomUUID().toString());
                        }
                        entries.add(entry.build());
                    }
                    stack.sqs().sendMessageBatch(r -> r.queueUrl(queue.queueUrl).entries(entries));
                }
            }, pool);
        }
        pool.shutdown();
        return CompletableFuture.allOf(senders);
    }

    /** The machine's load averages over 1, 5 and 15 minutes (Linux). */
    static String load() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static void add(Map<String, List<DrainBench.Drained>> results, String name, DrainBench.Drained value) {
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static String table(Map<String, List<DrainBench.Drained>> results, List<String> loads, Options options) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d x %s inline messages per drain, %d "
                + "rounds, warm-up %d per queue, the chain's defaults%n%n", options.count, Bench.size(options.size),
                options.runs, options.warmup));
        text.append("| queue | messages/s: median (min, max, spread) | / the standard queue's of the same round: "
                + "median (min, max) | chain CPU per message: median (min, max) |\n| --- | --- | --- | --- |\n");
        List<DrainBench.Drained> standard = results.get(STANDARD);
        results.forEach((name, values) -> {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(values.get(i).rate() / standard.get(i).rate());
            }
            Bench.Stats cpu = Bench.Stats.of(values.stream().map(DrainBench.Drained::cpuMillis).toList());
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f ms (%.2f, %.2f) |%n", name,
                    Bench.Stats.of(values.stream().map(DrainBench.Drained::rate).toList()).format("msg/s"),
                    Bench.Stats.of(ratios).formatRatio(), cpu.median(), cpu.min(), cpu.max()));
        });
        text.append("\nPer round (messages/s):\n\n| round | load average (1, 5, 15 min) at its start |");
        results.keySet().forEach(name -> text.append(' ').append(name).append(" |"));
        text.append("\n| --- | --- |").append(" --- |".repeat(results.size())).append('\n');
        for (int run = 0; run < options.runs; run++) {
            text.append("| ").append(run).append(" | ").append(loads.get(run)).append(" |");
            for (List<DrainBench.Drained> values : results.values()) {
                text.append(String.format(Locale.ROOT, " %.1f |", values.get(run).rate()));
            }
            text.append('\n');
        }
        text.append("\nLoad average at the end: ").append(loads.get(loads.size() - 1)).append('\n');
        return text.toString();
    }

    /** See the class comment. */
    static final class Options {
        int runs = 3;
        int count = 600;
        int size = 1024;
        int warmup = 2000;
        List<Integer> groups = List.of(1, 100);

        Options(String[] args) {
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.startsWith("--runs=")) {
                    runs = Integer.parseInt(value);
                } else if (arg.startsWith("--count=")) {
                    count = Integer.parseInt(value);
                } else if (arg.startsWith("--size=")) {
                    size = Integer.parseInt(value);
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.startsWith("--groups=")) {
                    groups = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        }
    }
}
