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

import javax.management.remote.JMXConnector;

import io.sqsextended.chain.testkit.OtlpReceiver;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Drain only: the queue of the embedded stack (a jar in local mode, consumer off) is filled first with nothing
 * injected, then {@code chain.local.latency} is set over JMX and only the drain of those messages is timed. Every
 * consumer gets identical messages: (a) S3 events of --count objects of --size under input/; (b) pointers sent by
 * the AWS Java extended client. Consumers: the chain (jars in aws mode, one long-lived JVM per --chain setting,
 * paused over JMX but for its own drains; downstream reads each body to its end), the bare SDK loop (--threads
 * loops of receive 10, GET each, DeleteMessageBatch), for events the Spring Cloud AWS peer (bench/spring-peer, one
 * long-lived JVM per --spring setting, paused like the chain: {@link SpringPeerJvm}; "none" leaves it out) and, for
 * pointers, the extended client's own receive loop (--threads loops). Each drain also gives the CPU per payload of
 * its consumer's process (the bench's own for the in-process loops), of which its JIT compiler threads' (Linux's
 * /proc: per thread), so that the CPU per payload without them (a consumer's work once warm) is compared too, the
 * bytes its threads allocated per payload (steadier from JVM to JVM than CPU time: small differences show), and
 * each JVM of its own its live threads and JIT time after its first drain. The consumers drain one after the other in
 * each run, the order turned by one from run to run. Before the timed drains, each consumer
 * drains --warmup messages of every kind at every latency of the sweep, untimed (JIT: the chain's code runs once per
 * payload, and HotSpot's C2 takes a method after ~10,000 invocations; after 3,000 payloads a 20 ms drain of 3,000 still
 * compiled 1,200-1,500 methods, after 25,000 about 50); of --warmup-size bytes each (1024: the per-payload path warms
 * on small payloads, and 20,000 large ones would fill the disk). A chain drain is timed from its resume over JMX (its
 * scheduler polls within 500 ms).
 * --jfr records the chains and the embedded stack (bench/results/drain-*.jfr). --hold=MS: the chain's downstream holds
 * each payload MS after reading it (a slow downstream, to see its memory with many in flight; no baselines then).
 * --heap: the chain JVMs clear soft references at every GC (-XX:SoftRefLRUPolicyMSPerMB=0), so that the heap after GC
 * is what they must hold, not the caches they would give up under pressure (e.g. a Jackson buffer kept by each thread).
 * Usage: bench/run drain [--runs=2] [--count=1000] [--size=1024] [--latency=0,5,20] [--chain=default,32]
 * [--spring=default,64] [--threads=32] [--warmup=20000] [--warmup-size=1024]
 * [--kinds=events,pointers] [--hold=0] [--heap] [--jfr] [--chain-jfr=profile] [--chain-jar=/tmp/main.jar]
 * [--tracing=off,0,1] [--chain-variant='NAME:-Dkey=value -Dkey2=value2;NAME2@/tmp/b.jar:...'] [--jvms=1]
 * --jvms=N: every chain (build, setting, variant) and every peer setting in N JVMs, drained one after the other in
 * each run; the tables pool them (each run's figure the mean of its JVMs') and list each JVM apart. Two JVMs of one
 * build differ by up to a fifth in CPU per payload (each is one draw of the JIT's choices): N of them tell builds
 * apart that one cannot.
 * --chain-jfr=SETTINGS records the chains alone with these JFR settings (a .jfc file, e.g. one sampling every 1 ms).
 * --chain-jar: other builds of the chain (e.g. main's, for an A/B of a change), each run with every --chain setting
 * beside the packaged jar, interleaved in the same runs; the report gives each one's CPU per payload over the first
 * chain's of the same run.
 * --chain-variant: the packaged jar again (NAME@JAR: that jar) with these JVM options added (system properties:
 * chain.* and camel.* keys, -XX flags), one chain JVM per variant and --chain setting, run and reported as a
 * --chain-jar build is (e.g. what a guarantee costs: NAME:-Dchain.consumer.downstream-timeout=0); variants separated
 * by ';', or the option repeated.
 * --tracing: each --chain setting with tracing off, or on with the sampling ratio given (traceidratio: 0 drops every
 * trace, 1 keeps every one), exported over OTLP/HTTP to a receiver in the bench's JVM that counts the spans
 * (testkit.OtlpReceiver); the SDK's defaults otherwise (a batch every 5 s, at most 2,048 spans queued).
 */
public final class DrainBench {

    private static final Pattern POINTER_KEY = Pattern.compile("\"s3Key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern POINTER_BUCKET = Pattern.compile("\"s3BucketName\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path work = Files.createTempDirectory("drain-bench");
        Path routes = Bench.drainRoute(work.resolve("routes"), options.hold);
        // per latency and kind: consumer -> figures of each run
        Map<String, Map<String, List<Drained>>> results = new LinkedHashMap<>();
        // per consumer in a JVM of its own: its payloads, threads and JIT time after its first drain
        Map<String, long[]> starts = new LinkedHashMap<>();
        // per chain, kind and latency: {heap after GC in MiB, messages in flight just before, heap after GC paused
        // before}, of the run with the most heap
        Map<String, long[]> heaps = new LinkedHashMap<>();
        List<LongLivedChain> chains = new ArrayList<>();
        List<SpringPeerJvm> peers = new ArrayList<>();
        // with --jfr the embedded stack is recorded too: it serves every consumer, baselines included
        String[] stackOptions = options.jfr
                ? new String[] {"-XX:StartFlightRecording=filename=" + Path.of("bench/results/drain-stack.jfr")
                        .toAbsolutePath() + ",settings=profile"}
                : new String[0];
        OtlpReceiver receiver = OtlpReceiver.counting();
        receiver.start();
        // each chain JVM's name and each peer JVM's: its build's, then " #2"... for its copies (--jvms)
        List<String> chainNames = new ArrayList<>();
        List<String> peerNames = new ArrayList<>();
        try (receiver; Bench.Stack stack = Bench.Stack.start(work, stackOptions)) {
            SqsClient extended = ExtendedClientLoop.client(stack);
            for (int c = 0; c < options.chainCount(); c++) {
                for (int copy = 0; copy < options.jvms; copy++) {
                    String setting = options.chainSetting(c);
                    List<String> jvm = new ArrayList<>(
                            List.of("-Dchain.routes.dir=" + routes, "-Dchain.downstream.uri=direct:bench-drain"));
                    if (!setting.equals("default")) {
                        jvm.add("-Dchain.consumer.concurrency=" + setting);
                    }
                    if (options.heap) {
                        jvm.add("-XX:SoftRefLRUPolicyMSPerMB=0");
                    }
                    jvm.addAll(tracing(options.tracing(c), receiver));
                    jvm.addAll(options.variantOptions(c));
                    Path recording = Path.of("bench/results/drain-" + setting + options.tracingTag(c)
                            + options.jarTag(c) + Options.copyTag(copy) + ".jfr");
                    if (options.chainJfr != null) {
                        jvm.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings="
                                + options.chainJfr);
                    }
                    LongLivedChain chain = new LongLivedChain(stack, options.chainJar(c),
                            work.resolve("chain-" + setting + "-" + c + Options.copyTag(copy)),
                            options.jfr ? recording : null, jvm.toArray(String[]::new));
                    chains.add(chain);
                    chainNames.add(options.chainName(c) + Options.copyName(copy));
                    // it consumes from its start: paused but for its own drains
                    chain.pause();
                }
            }
            for (String setting : options.hold > 0 ? List.<String>of() : options.springs) {
                for (int copy = 0; copy < options.jvms; copy++) {
                    Path recording = options.jfr ? Path.of("bench/results/drain-spring-" + setting
                            + Options.copyTag(copy) + ".jfr") : null;
                    SpringPeerJvm peer = new SpringPeerJvm(stack, work.resolve("spring-" + setting
                            + Options.copyTag(copy)), setting, recording);
                    peers.add(peer);
                    peerNames.add(SpringPeerJvm.name(setting) + Options.copyName(copy));
                    peer.pause();
                }
            }
            // untimed: every consumer is warmed on every kind at every
            // latency of the sweep, so that each timed drain runs on compiled code (a chain warmed at 0 ms only still
            // spent half its CPU in the JIT compiler in a 20 ms drain)
            for (String latency : options.latencies) {
                for (String kind : options.kinds) {
                    String tag = "warm-l" + latency + "-" + kind;
                    int n = options.warmup;
                    for (int c = 0; c < chains.size(); c++) {
                        LongLivedChain chain = chains.get(c);
                        String name = chainNames.get(c);
                        atLatency(stack, extended, kind, tag + "-chain" + c, options.warmupSize, n, latency,
                                () -> first(starts, name, n, chainDrain(chain, n, null, heaps)));
                    }
                    for (int p = 0; kind.equals("events") && p < peers.size(); p++) {
                        SpringPeerJvm peer = peers.get(p);
                        String name = peerNames.get(p);
                        atLatency(stack, extended, kind, tag + "-spring" + p, options.warmupSize, n, latency,
                                () -> first(starts, name, n, resumedDrain(peer, n, null)));
                    }
                    if (options.hold > 0) {
                        continue;
                    }
                    atLatency(stack, extended, kind, tag + "-bare", options.warmupSize, n, latency, ()
                            -> bare(stack, kind, n, options.threads));
                    if (kind.equals("pointers")) {
                        atLatency(stack, extended, kind, tag + "-extended", options.warmupSize, n, latency, ()
                                -> extendedLoop(stack, extended, options.warmupSize, options.threads, n));
                    }
                }
            }
            for (String latency : options.latencies) {
                for (int run = 0; run < options.runs; run++) {
                    for (String kind : options.kinds) {
                        Map<String, List<Drained>> table = results.computeIfAbsent(latency + " ms, " + kind, k
                                -> new LinkedHashMap<>());
                        String tag = "l" + latency + "-r" + run + "-" + kind;
                        int n = options.count;
                        List<Timed> timed = new ArrayList<>();
                        for (int c = 0; c < chains.size(); c++) {
                            String name = chainNames.get(c);
                            LongLivedChain chain = chains.get(c);
                            String label = name + ", " + kind + ", " + latency + " ms";
                            timed.add(new Timed(name, "-chain" + c, () -> first(starts, name, n,
                                    chainDrain(chain, n, options.heap ? label : null, heaps))));
                        }
                        for (int p = 0; kind.equals("events") && p < peers.size(); p++) {
                            SpringPeerJvm peer = peers.get(p);
                            String name = peerNames.get(p);
                            timed.add(new Timed(name, "-spring" + p, () -> first(starts, name, n,
                                    resumedDrain(peer, n, null))));
                        }
                        if (options.hold == 0) {
                            timed.add(new Timed("bare SDK loop (" + options.threads + " threads)", "-bare",
                                    () -> bare(stack, kind, n, options.threads)));
                        }
                        if (options.hold == 0 && kind.equals("pointers")) {
                            timed.add(new Timed("AWS extended client loop (" + options.threads + " threads)",
                                    "-extended", () -> extendedLoop(stack, extended, options.size, options.threads,
                                    n)));
                        }
                        // each run starts one consumer further on: none drains first (or after the same one) always
                        for (int i = 0; i < timed.size(); i++) {
                            Timed next = timed.get((i + run) % timed.size());
                            add(table, next.name(), atLatency(stack, extended, kind, tag + next.tag(), options.size,
                                    n, latency, next.drain()));
                        }
                        System.out.println("latency " + latency + " ms, run " + run + ", " + kind + ": " + last(table));
                    }
                }
            }
        } finally {
            for (PausableJvm jvm : peers) {
                jvm.close();
            }
            for (PausableJvm jvm : chains) {
                jvm.close();
            }
        }
        Bench.deleteTree(work);
        Bench.report("drain", "bench/run drain " + String.join(" ", args),
                DrainReport.table(results, heaps, starts, options)
                        + "\nSpans received by the bench's OTLP receiver: " + receiver.received() + "\n");
    }

    /** The chain's settings for tracing off, or on with this sampling ratio, exporting to {@code receiver}. */
    private static List<String> tracing(String ratio, OtlpReceiver receiver) {
        if (ratio.equals("off")) {
            return List.of();
        }
        List<String> jvm = new ArrayList<>(List.of("-Dotel.traces.sampler=traceidratio",
                "-Dotel.traces.sampler.arg=" + ratio));
        // the SDK's own batching, not the tests' export within 50 ms
        receiver.settings().forEach((key, value) -> {
            if (!key.equals("otel.bsp.schedule.delay")) {
                jvm.add("-D" + key + "=" + value);
            }
        });
        return jvm;
    }

    /** chain.local.latency for a figure in milliseconds. */
    private static String injected(String millis) {
        return millis.equals("0") ? "none" : millis + "ms";
    }

    /**
     * Empties the queue, then queues n messages of this kind with nothing injected; returns once all are on the queue.
     */
    static void fill(Bench.Stack stack, SqsClient extended, String kind, String tag, int size, int n) throws Exception {
        stack.purge(stack.notifications());
        if (kind.equals("events")) {
            ChainThroughputBench.upload(stack.s3(), "drain/" + tag, size, n).get();
        } else {
            ExtendedClientLoop.send(extended, stack.notifications().queueUrl, size, n, ChainThroughputBench.UPLOADERS)
                    .get();
        }
        if (stack.notifications().pending() < n) {
            throw new IllegalStateException("queued " + stack.notifications().pending() + " of " + n);
        }
    }

    /** A drain of the queued messages. */
    interface Drain {
        Drained run() throws Exception;
    }

    /** A consumer's timed drain in a run: its name in the tables, its messages' tag. */
    private record Timed(String name, String tag, Drain drain) {
    }

    /**
     * What a drain gives: payloads/s, milliseconds of its consumer's process CPU per payload and of its JIT compiler
     * threads' CPU per payload meanwhile (a consumer still warming up compiles during the drains: its CPU per payload
     * without them is what its work costs once warm), KiB its threads allocated per payload, the embedded stack's CPU
     * per payload without its JIT compiler's (what the consumer's calls cost the S3 and SQS serving them), and for a
     * JVM of its own what it had spent at the end of the drain, before its pause (null for the in-process loops).
     */
    record Drained(double rate, double cpuMillis, double compilerMillis, double allocatedKiB, double stackMillis,
            JvmFigures atEnd) {

        /** A drain of n payloads at this rate, from its consumer's figures before and at its end. */
        static Drained of(double rate, int n, JvmFigures before, JvmFigures end, boolean ownJvm) {
            // an in-process loop's threads end with its drain, and what they allocated with them: not counted
            return new Drained(rate, end.cpuMillisPerPayload(before, n), end.compilerMillisPerPayload(before, n),
                    ownJvm ? end.allocatedKiBPerPayload(before, n) : Double.NaN, Double.NaN, ownJvm ? end : null);
        }

        /** This drain with the stack's CPU per payload from its figures before and after it. */
        Drained servedBy(JvmFigures stackBefore, JvmFigures stackAfter, int n) {
            return new Drained(rate, cpuMillis, compilerMillis, allocatedKiB, stackAfter.cpuMillisPerPayload(
                    stackBefore, n) - stackAfter.compilerMillisPerPayload(stackBefore, n), atEnd);
        }

        /** CPU per payload but the JIT compiler's (all of it without {@code /proc}). */
        double workMillis() {
            return Double.isNaN(compilerMillis) ? cpuMillis : cpuMillis - compilerMillis;
        }
    }

    /**
     * The drain; the first time for this consumer, its threads and JIT time at its end go to {@code starts} with the n
     * payloads drained.
     */
    private static Drained first(Map<String, long[]> starts, String consumer, int n, Drained drained) {
        if (n > 0 && !starts.containsKey(consumer)) {
            JvmFigures end = drained.atEnd();
            starts.put(consumer, new long[] {n, end.threads(), end.peakThreads(), end.jitMillis(),
                    end.compilerCpuNanos()});
        }
        return drained;
    }

    /** An in-process loop's drain: payloads/s, and this JVM's CPU per payload meanwhile. */
    private static Drained inProcess(int n, java.util.concurrent.Callable<Double> loop) throws Exception {
        JvmFigures before = JvmFigures.here();
        double rate = loop.call();
        return Drained.of(rate, n, before, JvmFigures.here(), false);
    }

    /** Queues n messages of this kind with nothing injected, then runs the drain with {@code latency} ms injected. */
    static Drained atLatency(Bench.Stack stack, SqsClient extended, String kind, String tag, int size, int n,
            String latency, Drain drain)
            throws Exception {
        fill(stack, extended, kind, tag, size, n);
        stack.latency(injected(latency));
        try (JMXConnector jmx = stack.jar().jmx()) {
            JvmFigures before = JvmFigures.of(jmx.getMBeanServerConnection());
            Drained drained = drain.run();
            return drained.servedBy(before, JvmFigures.of(jmx.getMBeanServerConnection()), n);
        } finally {
            stack.latency(injected("0"));
        }
    }

    /** The AWS extended client's receive loop on n queued pointers. */
    static Drained extendedLoop(Bench.Stack stack, SqsClient extended, int size, int threads, int n) throws Exception {
        return inProcess(n, () -> {
            try (ReceiveLoop loop = ExtendedClientLoop.receiveLoop(extended, stack.notifications().queueUrl, size,
                    threads)) {
                return loop.rateAt(n, System.nanoTime());
            }
        });
    }

    /**
     * Resumes the chain until it has drained n more payloads; with a {@code heapLabel}, its heap after GC and messages
     * in flight at half way, and its heap after GC while paused before, go to {@code heaps} under it.
     */
    static Drained chainDrain(LongLivedChain chain, int n, String heapLabel, Map<String, long[]> heaps)
            throws Exception {
        long idle = heapLabel != null ? chain.heapAfterGcMiB() : 0;
        return resumedDrain(chain, n, heapLabel == null ? null : () -> {
            long inFlight = chain.inFlight();
            heaps.merge(heapLabel, new long[] {chain.heapAfterGcMiB(), inFlight, idle}, (a, b) -> a[0] >= b[0] ? a : b);
        });
    }

    /** What to do half way through a drain. */
    interface HalfWay {
        void run() throws Exception;
    }

    /**
     * Resumes a consumer's JVM until it has drained n more payloads, then pauses it: payloads/s since the resume, and
     * its process CPU per payload over the same time; {@code halfWay}, if any, runs once it has drained n / 2.
     */
    static Drained resumedDrain(PausableJvm jvm, int n, HalfWay halfWay) throws Exception {
        long before = jvm.jar().count(Bench.DRAINED);
        JvmFigures cpu = JvmFigures.of(jvm.jmx());
        long start = System.nanoTime();
        jvm.resume();
        if (halfWay != null) {
            jvm.jar().awaitCount(Bench.DRAINED, before + n / 2, Duration.ofMinutes(10));
            halfWay.run();
        }
        jvm.jar().awaitCount(Bench.DRAINED, before + n, Duration.ofMinutes(10));
        double rate = n / ((System.nanoTime() - start) / 1e9);
        JvmFigures end = JvmFigures.of(jvm.jmx());
        jvm.pause();
        return Drained.of(rate, n, cpu, end, true);
    }

    /** The bare SDK loop on the queued messages. */
    static Drained bare(Bench.Stack stack, String kind, int n, int threads) throws Exception {
        return inProcess(n, () -> {
            try (ReceiveLoop loop = new ReceiveLoop(stack.sqs(), stack.notifications().queueUrl, threads,
                    message -> kind.equals("events") ? ChainThroughputBench.drainEvent(stack.s3(), message)
                            : drainPointer(stack, message))) {
                return loop.rateAt(n, System.nanoTime());
            }
        });
    }

    /**
     * Reads the object an extended-client pointer names to its end (the JSON read as the bare loop would, with a
     * pattern).
     */
    static int drainPointer(Bench.Stack stack, Message message) {
        ChainThroughputBench.drain(stack.s3(), group(POINTER_BUCKET, message.body()),
                group(POINTER_KEY, message.body()));
        return 1;
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not a pointer: " + text);
        }
        return matcher.group(1);
    }

    private static void add(Map<String, List<Drained>> table, String consumer, Drained value) {
        table.computeIfAbsent(consumer, k -> new ArrayList<>()).add(value);
    }

    private static String last(Map<String, List<Drained>> table) {
        StringBuilder line = new StringBuilder();
        table.forEach((consumer, values) -> {
            Drained drained = values.get(values.size() - 1);
            line.append(String.format(Locale.ROOT, "%s %.1f/s %.2f ms CPU (JIT compiler %.2f); ", consumer,
                    drained.rate(), drained.cpuMillis(), drained.compilerMillis()));
        });
        return line.toString();
    }

    /**
     * See the class comment; --chain: chain.consumer.concurrency of each chain JVM ("default": not set); --spring: the
     * Spring Cloud AWS peers ("default", or N: tuned with N messages in flight and N connections; "none").
     */
    static final class Options {
        int runs = 2;
        int count = 1000;
        int size = 1024;
        int threads = 32;
        int warmup = 20_000;
        int warmupSize = 1024;
        /** JVMs per chain build and setting and per peer setting, their figures pooled (each JVM is one JIT's draw). */
        int jvms = 1;
        long hold;
        boolean heap;
        boolean jfr;
        /** JFR settings (a .jfc file or a name) to record the chains alone with, null for none. */
        String chainJfr;
        List<String> latencies = List.of("0", "5", "20");
        List<String> chains = List.of("default", "32");
        List<String> springs = List.of("default", "64");
        List<String> kinds = List.of("events", "pointers");
        /** Other builds of the chain, each run with every --chain setting beside the packaged jar's. */
        List<Path> chainJars = List.of();
        /** Tracing of each --chain setting: "off", or the sampling ratio. */
        List<String> tracings = List.of("off");
        /** The packaged jar with JVM options of their own, each run with every --chain setting. */
        List<Variant> variants = new ArrayList<>();

        /** A --chain-variant: its name in the tables, its jar (null: the packaged one), and the JVM options it adds. */
        record Variant(String name, Path jar, List<String> options) {

            private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

            /** NAME:OPTIONS or NAME@JAR:OPTIONS, the options separated by spaces. */
            static Variant of(String text) {
                int colon = text.indexOf(':');
                String[] build = (colon < 0 ? text : text.substring(0, colon)).split("@", 2);
                List<String> options = colon < 0 ? List.of()
                        : Arrays.stream(text.substring(colon + 1).trim().split("\\s+")).filter(o -> !o.isEmpty())
                                .toList();
                if (!NAME.matcher(build[0]).matches() || options.isEmpty()) {
                    throw new IllegalArgumentException("--chain-variant wants NAME:OPTIONS or NAME@JAR:OPTIONS (NAME "
                            + "of letters, digits, '.', '_', '-'; OPTIONS such as -Dkey=value separated by spaces), "
                            + "not " + text);
                }
                return new Variant(build[0], build.length > 1 ? Path.of(build[1]) : null, options);
            }
        }

        /**
         * Chain JVMs: every --chain setting with every --tracing on the packaged jar, then on each --chain-jar, then
         * on each --chain-variant.
         */
        int chainCount() {
            return chains.size() * tracings.size() * (1 + chainJars.size() + variants.size());
        }

        /** A variant, under a name of its own: its rows in the tables. */
        private void add(Variant variant) {
            if (variants.stream().anyMatch(v -> v.name().equals(variant.name()))) {
                throw new IllegalArgumentException("two --chain-variant named " + variant.name());
            }
            variants.add(variant);
        }

        /** Build of chain JVM c: 0 the packaged jar, then 1 per --chain-jar, then 1 per --chain-variant. */
        private int build(int c) {
            return c / (chains.size() * tracings.size());
        }

        String chainSetting(int c) {
            return chains.get(c % chains.size());
        }

        String tracing(int c) {
            return tracings.get(c / chains.size() % tracings.size());
        }

        /** "" without --tracing, else "-tracing-" and the setting. */
        String tracingTag(int c) {
            return tracings.size() == 1 && tracing(c).equals("off") ? "" : "-tracing-" + tracing(c);
        }

        /** The jar of chain JVM c, or null for the packaged one. */
        Path chainJar(int c) {
            int jar = build(c);
            Variant variant = variant(c);
            return variant != null ? variant.jar() : jar == 0 ? null : chainJars.get(jar - 1);
        }

        /** The JVM options of chain JVM c's --chain-variant, none for the other builds. */
        List<String> variantOptions(int c) {
            Variant variant = variant(c);
            return variant == null ? List.of() : variant.options();
        }

        private Variant variant(int c) {
            int variant = build(c) - 1 - chainJars.size();
            return variant < 0 ? null : variants.get(variant);
        }

        /** null for the packaged jar, else the name of its --chain-variant or the file name of its --chain-jar. */
        private String buildName(int c) {
            Path jar = chainJar(c);
            Variant variant = variant(c);
            return variant != null ? variant.name() : jar != null ? jar.getFileName().toString() : null;
        }

        /** "" for the packaged jar, else "-" and its --chain-jar's file name without .jar, or its variant's name. */
        String jarTag(int c) {
            String build = buildName(c);
            return build == null ? "" : "-" + build.replaceFirst("\\.jar$", "");
        }

        /** "" for a consumer's first JVM, else "-" and its number (files). */
        static String copyTag(int copy) {
            return copy == 0 ? "" : "-" + (copy + 1);
        }

        /** "" for a consumer's first JVM, else " #" and its number: its rows until {@link DrainReport} pools them. */
        static String copyName(int copy) {
            return copy == 0 ? "" : " #" + (copy + 1);
        }

        String chainName(int c) {
            String setting = chainSetting(c);
            String build = buildName(c);
            String tracing = tracingTag(c).isEmpty() ? ""
                    : tracing(c).equals("off") ? ", tracing off" : ", tracing sampling " + tracing(c);
            return "chain (" + (setting.equals("default") ? "defaults" : "concurrency " + setting) + tracing + ")"
                    + (build == null ? "" : " [" + build + "]");
        }

        Options(String[] args) {
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                List<String> values = Arrays.asList(value.split(","));
                if (arg.startsWith("--chain-variant=")) {
                    Arrays.stream(value.split(";")).filter(v -> !v.isBlank()).map(Variant::of).forEach(this::add);
                } else if (arg.startsWith("--jvms=")) {
                    jvms = Integer.parseInt(value);
                } else if (arg.startsWith("--runs=")) {
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
                } else if (arg.startsWith("--chain-jar=")) {
                    chainJars = values.stream().map(Path::of).toList();
                } else if (arg.startsWith("--chain=")) {
                    chains = values;
                } else if (arg.startsWith("--spring=")) {
                    springs = value.equals("none") ? List.of() : values;
                } else if (arg.startsWith("--tracing=")) {
                    tracings = values;
                } else if (arg.startsWith("--kinds=")) {
                    kinds = values;
                } else if (arg.equals("--heap")) {
                    heap = true;
                } else if (arg.startsWith("--chain-jfr=")) {
                    chainJfr = value;
                } else if (arg.equals("--jfr")) {
                    jfr = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        }
    }
}
