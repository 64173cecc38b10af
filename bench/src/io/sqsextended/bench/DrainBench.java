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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Drain only: the queue of the embedded stack (a jar in local mode, consumer off) is filled first with nothing
 * injected, then {@code chain.local.latency} is set over JMX and only the drain of those messages is timed. Every
 * consumer gets identical messages: (a) S3 events of --count objects of --size under input/; (b) pointers sent by
 * the AWS Java extended client. Consumers: the chain (jars in aws mode, one long-lived JVM per --chain setting,
 * paused over JMX but for its own drains; downstream reads each body to its end), the bare SDK loop (--threads
 * loops of receive 10, GET each, DeleteMessageBatch) and, for pointers, the extended client's own receive loop
 * (--threads loops). Before the timed drains, each consumer drains --warmup messages of every kind at every latency of
 * the sweep, untimed (JIT: the chain's code runs once per payload, and HotSpot's C2 takes a method after ~10,000
 * invocations; after 3,000 payloads a 20 ms drain of 3,000 still compiled 1,200-1,500 methods, after 25,000 about
 * 50); of --warmup-size bytes each (1024: the per-payload path warms on small payloads, and 20,000 large ones would
 * fill the disk). A chain drain is timed from its resume over JMX (its scheduler polls within 500 ms).
 * --jfr records the chains and the embedded stack (bench/results/drain-*.jfr). --hold=MS: the chain's downstream holds
 * each payload MS after reading it (a slow downstream, to see its memory with many in flight; no baselines then).
 * --heap: the chain JVMs clear soft references at every GC (-XX:SoftRefLRUPolicyMSPerMB=0), so that the heap after GC
 * is what they must hold, not the caches they would give up under pressure (e.g. a Jackson buffer kept by each thread).
 * Usage: bench/run drain [--runs=2] [--count=1000] [--size=1024] [--latency=0,5,20] [--chain=default,32]
 * [--threads=32] [--warmup=20000] [--warmup-size=1024] [--kinds=events,pointers] [--hold=0] [--heap] [--jfr]
 */
public final class DrainBench {

    private static final Pattern POINTER_KEY = Pattern.compile("\"s3Key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern POINTER_BUCKET = Pattern.compile("\"s3BucketName\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path work = Files.createTempDirectory("drain-bench");
        Path routes = Bench.drainRoute(work.resolve("routes"), options.hold);
        // per latency and kind: consumer -> figures of each run
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        // per chain, kind and latency: {heap after GC in MiB, messages in flight just before, heap after GC paused before}, of the run with the most heap
        Map<String, long[]> heaps = new LinkedHashMap<>();
        List<LongLivedChain> chains = new ArrayList<>();
        // with --jfr the embedded stack is recorded too: it serves every consumer, baselines included
        String[] stackOptions = options.jfr
                ? new String[] {"-XX:StartFlightRecording=filename=" + Path.of("bench/results/drain-stack.jfr").toAbsolutePath() + ",settings=profile"}
                : new String[0];
        try (Bench.Stack stack = Bench.Stack.start(work, stackOptions)) {
            SqsClient extended = ExtendedClientLoop.client(stack);
            for (String setting : options.chains) {
                List<String> jvm = new ArrayList<>(List.of("-Dchain.routes.dir=" + routes, "-Dchain.downstream.uri=direct:bench-drain"));
                if (!setting.equals("default")) {
                    jvm.add("-Dchain.consumer.concurrency=" + setting);
                }
                if (options.heap) {
                    jvm.add("-XX:SoftRefLRUPolicyMSPerMB=0");
                }
                Path recording = options.jfr ? Path.of("bench/results/drain-" + setting + ".jfr") : null;
                LongLivedChain chain = new LongLivedChain(stack, work.resolve("chain-" + setting), recording, jvm.toArray(String[]::new));
                chains.add(chain);
                // it consumes from its start: paused but for its own drains
                chain.pause();
            }
            // untimed: every consumer is warmed on every kind at every latency of the sweep, so that each timed drain runs
            // on compiled code (a chain warmed at 0 ms only still spent half its CPU in the JIT compiler in a 20 ms drain)
            for (String latency : options.latencies) {
                for (String kind : options.kinds) {
                    String tag = "warm-l" + latency + "-" + kind;
                    int n = options.warmup;
                    for (int c = 0; c < chains.size(); c++) {
                        LongLivedChain chain = chains.get(c);
                        atLatency(stack, extended, kind, tag + "-chain" + c, options.warmupSize, n, latency, () -> chainDrain(chain, n, null, heaps));
                    }
                    if (options.hold > 0) {
                        continue;
                    }
                    atLatency(stack, extended, kind, tag + "-bare", options.warmupSize, n, latency, () -> bare(stack, kind, n, options.threads));
                    if (kind.equals("pointers")) {
                        atLatency(stack, extended, kind, tag + "-extended", options.warmupSize, n, latency, () -> extendedLoop(stack, extended, options.warmupSize, options.threads, n));
                    }
                }
            }
            for (String latency : options.latencies) {
                for (int run = 0; run < options.runs; run++) {
                    for (String kind : options.kinds) {
                        Map<String, List<Double>> table = results.computeIfAbsent(latency + " ms, " + kind, k -> new LinkedHashMap<>());
                        String tag = "l" + latency + "-r" + run + "-" + kind;
                        int n = options.count;
                        for (int c = 0; c < chains.size(); c++) {
                            String name = "chain (" + (options.chains.get(c).equals("default") ? "defaults" : "concurrency " + options.chains.get(c)) + ")";
                            LongLivedChain chain = chains.get(c);
                            String label = name + ", " + kind + ", " + latency + " ms";
                            add(table, name, atLatency(stack, extended, kind, tag + "-chain" + c, options.size, n, latency,
                                    () -> chainDrain(chain, n, options.heap ? label : null, heaps)));
                        }
                        if (options.hold == 0) {
                            add(table, "bare SDK loop (" + options.threads + " threads)", atLatency(stack, extended, kind, tag + "-bare",
                                    options.size, n, latency, () -> bare(stack, kind, n, options.threads)));
                        }
                        if (options.hold == 0 && kind.equals("pointers")) {
                            add(table, "AWS extended client loop (" + options.threads + " threads)", atLatency(stack, extended, kind,
                                    tag + "-extended", options.size, n, latency, () -> extendedLoop(stack, extended, options.size, options.threads, n)));
                        }
                        System.out.println("latency " + latency + " ms, run " + run + ", " + kind + ": " + last(table));
                    }
                }
            }
        } finally {
            for (LongLivedChain chain : chains) {
                chain.close();
            }
        }
        Bench.deleteTree(work);
        Bench.report("drain", "bench/run drain " + String.join(" ", args), table(results, heaps, options));
    }

    /** chain.local.latency for a figure in milliseconds. */
    private static String injected(String millis) {
        return millis.equals("0") ? "none" : millis + "ms";
    }

    /** Empties the queue, then queues n messages of this kind with nothing injected; returns once all are on the queue. */
    static void fill(Bench.Stack stack, SqsClient extended, String kind, String tag, int size, int n) throws Exception {
        stack.purge(stack.notifications());
        if (kind.equals("events")) {
            ChainThroughputBench.upload(stack.s3(), "drain/" + tag, size, n).get();
        } else {
            ExtendedClientLoop.send(extended, stack.notifications().queueUrl, size, n, ChainThroughputBench.UPLOADERS).get();
        }
        if (stack.notifications().pending() < n) {
            throw new IllegalStateException("queued " + stack.notifications().pending() + " of " + n);
        }
    }

    /** A drain of the queued messages: payloads/s. */
    interface Drain {
        double run() throws Exception;
    }

    /** Queues n messages of this kind with nothing injected, then runs the drain with {@code latency} ms injected. */
    static double atLatency(Bench.Stack stack, SqsClient extended, String kind, String tag, int size, int n, String latency, Drain drain)
            throws Exception {
        fill(stack, extended, kind, tag, size, n);
        stack.latency(injected(latency));
        try {
            return drain.run();
        } finally {
            stack.latency(injected("0"));
        }
    }

    /** The AWS extended client's receive loop on n queued pointers: payloads/s. */
    static double extendedLoop(Bench.Stack stack, SqsClient extended, int size, int threads, int n) throws Exception {
        try (ReceiveLoop loop = ExtendedClientLoop.receiveLoop(extended, stack.notifications().queueUrl, size, threads)) {
            return loop.rateAt(n, System.nanoTime());
        }
    }

    /**
     * Resumes the chain until it has drained n more payloads: payloads/s since the resume; with a {@code heapLabel}, its
     * heap after GC and messages in flight at half way, and its heap after GC while paused before, go to {@code heaps} under it.
     */
    static double chainDrain(LongLivedChain chain, int n, String heapLabel, Map<String, long[]> heaps) throws Exception {
        long before = chain.jar.count(Bench.DRAINED);
        long idle = heapLabel != null ? chain.heapAfterGcMiB() : 0;
        long start = System.nanoTime();
        chain.resume();
        if (heapLabel != null) {
            chain.jar.awaitCount(Bench.DRAINED, before + n / 2, Duration.ofMinutes(10));
            long inFlight = chain.inFlight();
            heaps.merge(heapLabel, new long[] {chain.heapAfterGcMiB(), inFlight, idle}, (a, b) -> a[0] >= b[0] ? a : b);
        }
        chain.jar.awaitCount(Bench.DRAINED, before + n, Duration.ofMinutes(10));
        double rate = n / ((System.nanoTime() - start) / 1e9);
        chain.pause();
        return rate;
    }

    /** The bare SDK loop on the queued messages: payloads/s. */
    static double bare(Bench.Stack stack, String kind, int n, int threads) throws Exception {
        try (ReceiveLoop loop = new ReceiveLoop(stack.sqs(), stack.notifications().queueUrl, threads,
                message -> kind.equals("events") ? ChainThroughputBench.drainEvent(stack.s3(), message) : drainPointer(stack, message))) {
            return loop.rateAt(n, System.nanoTime());
        }
    }

    /** Reads the object an extended-client pointer names to its end (the JSON read as the bare loop would, with a pattern). */
    static int drainPointer(Bench.Stack stack, Message message) {
        ChainThroughputBench.drain(stack.s3(), group(POINTER_BUCKET, message.body()), group(POINTER_KEY, message.body()));
        return 1;
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not a pointer: " + text);
        }
        return matcher.group(1);
    }

    private static void add(Map<String, List<Double>> table, String consumer, double value) {
        table.computeIfAbsent(consumer, k -> new ArrayList<>()).add(value);
    }

    private static String last(Map<String, List<Double>> table) {
        StringBuilder line = new StringBuilder();
        table.forEach((consumer, values) -> line.append(String.format(Locale.ROOT, "%s %.1f/s; ", consumer, values.get(values.size() - 1))));
        return line.toString();
    }

    private static String table(Map<String, Map<String, List<Double>>> results, Map<String, long[]> heaps, Options options) {
        StringBuilder text = new StringBuilder();
        results.forEach((title, table) -> {
            text.append("\n### ").append(title).append(", ").append(options.count).append(" x ").append(Bench.size(options.size))
                    .append(", drain only\n\n| consumer | payloads/s over ").append(options.runs)
                    .append(" runs | ratio to the bare loop of the same run: median (min, max) |\n| --- | --- | --- |\n");
            List<Double> bare = table.get("bare SDK loop (" + options.threads + " threads)");
            table.forEach((consumer, values) -> {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; bare != null && i < values.size(); i++) {
                    ratios.add(values.get(i) / bare.get(i));
                }
                String ratio = bare != null ? Bench.Stats.of(ratios).formatRatio() : "none: --hold=" + options.hold + " runs no baseline";
                text.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", consumer, Bench.Stats.of(values).format("/s"), ratio));
            });
        });
        if (!heaps.isEmpty()) {
            text.append("\n| chain, latency | heap used after a full GC half way through a drain, max over runs | messages in flight then "
                    + "| heap after a full GC just before that drain (paused) |\n| --- | --- | --- | --- |\n");
            heaps.forEach((label, figures) -> text.append("| ").append(label).append(" | ").append(figures[0]).append(" MiB | ")
                    .append(figures[1]).append(" | ").append(figures[2]).append(" MiB |\n"));
        }
        return text.toString();
    }

    /** See the class comment; --chain: chain.consumer.concurrency of each chain JVM ("default": not set). */
    static final class Options {
        int runs = 2;
        int count = 1000;
        int size = 1024;
        int threads = 32;
        int warmup = 20_000;
        int warmupSize = 1024;
        long hold;
        boolean heap;
        boolean jfr;
        List<String> latencies = List.of("0", "5", "20");
        List<String> chains = List.of("default", "32");
        List<String> kinds = List.of("events", "pointers");

        Options(String[] args) {
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                List<String> values = Arrays.asList(value.split(","));
                if (arg.startsWith("--runs=")) {
                    runs = Integer.parseInt(value);
                } else if (arg.startsWith("--count=")) {
                    count = Integer.parseInt(value);
                } else if (arg.startsWith("--size=")) {
                    size = Integer.parseInt(value);
                } else if (arg.startsWith("--threads=")) {
                    threads = Integer.parseInt(value);
                } else if (arg.startsWith("--hold=")) {
                    hold = Long.parseLong(value);
                } else if (arg.startsWith("--warmup-size=")) {
                    warmupSize = Integer.parseInt(value);
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.startsWith("--latency=")) {
                    latencies = values;
                } else if (arg.startsWith("--chain=")) {
                    chains = values;
                } else if (arg.startsWith("--kinds=")) {
                    kinds = values;
                } else if (arg.equals("--heap")) {
                    heap = true;
                } else if (arg.equals("--jfr")) {
                    jfr = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        }
    }
}
