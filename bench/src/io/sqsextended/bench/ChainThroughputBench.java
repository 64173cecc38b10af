package io.sqsextended.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.sqsextended.chain.testkit.Queues;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * Chain throughput: N objects uploaded under input/ (4 uploader threads) while a consumer drains them; the time
 * from the first upload to the N-th payload read to its end. Consumers, each with the same concurrency, against
 * the same embedded stack (a jar in local mode, its consumer off):
 * the chain (a second jar in aws mode, downstream = a route that reads the body into nothing and logs a line),
 * a bare SDK loop (receive 10, GET each to a sink, DeleteMessageBatch), and the AWS extended client's receive
 * loop on pointer messages it sent itself (when its jar is on the class path: bench/run copies it from ~/.m2).
 * The chain jar is one JVM for the whole benchmark ({@link LongLivedChain}): production runs it as a long-lived
 * service, and a fresh JVM per run was still JIT-compiling in its timed window after 2,000 warm-up payloads (JFR: the
 * C2 threads as busy as the consumers). It drains --warmup payloads of each size once, untimed; then each run times
 * the chain, the bare loop and the extended client in turn (a ratio per run), the chain's consumer paused over JMX
 * while the others run. The baselines, in this already warm JVM, drain --warmup messages before their first run.
 * Usage: bench/run chain [--runs=3] [--count-1k=1500] [--count-256k=500] [--concurrency=2] [--warmup=2000] [--jfr]
 */
public final class ChainThroughputBench {

    static final int UPLOADERS = 4;

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path work = Files.createTempDirectory("chain-bench");
        Path routes = Bench.drainRoute(work.resolve("routes"));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        boolean peer = peerAvailable();
        try (Bench.Stack stack = Bench.Stack.start(work);
             LongLivedChain chain = new LongLivedChain(stack, null, work.resolve("chain"), options.jfr
                     ? Path.of("bench/results/chain.jfr") : null,
                     "-Dchain.routes.dir=" + routes, "-Dchain.downstream.uri=direct:bench-drain",
                     "-Dchain.consumer.concurrency=" + options.concurrency)) {
            stack.sqs().createQueue(r -> r.queueName("bench-extended-peer"));
            Queues peerQueue = new Queues(stack.sqs(), "bench-extended-peer");
            // warmed up once (JIT), as the bench process is warm for the loops below; paused but for its timed phases
            for (int size : options.counts.keySet()) {
                stack.purge(stack.notifications());
                chainRun(stack, chain, "warm-" + Bench.size(size), size, options.warmup, 300);
            }
            chain.pause();
            for (int run = 0; run < options.runs; run++) {
                for (int size : options.counts.keySet()) {
                    int n = options.counts.get(size);
                    String label = Bench.size(size);
                    String tag = "run" + run + "-" + label;
                    stack.purge(stack.notifications());
                    chain.resume();
                    double chained = chainRun(stack, chain, tag + "-chain", size, n, 600);
                    chain.pause();
                    add(results, label + " chain", chained);
                    stack.purge(stack.notifications());
                    if (run == 0) {
                        bareLoop(stack, tag + "-bare-warm", size, options.warmup, options.concurrency);
                        stack.purge(stack.notifications());
                    }
                    double bare = bareLoop(stack, tag + "-bare", size, n, options.concurrency);
                    add(results, label + " bare SDK loop", bare);
                    stack.purge(stack.notifications());
                    System.out.printf(Locale.ROOT, "run %d, %s x %d: chain %.1f msg/s, bare %.1f msg/s%n", run, label,
                            n, chained, bare);
                    if (peer) {
                        stack.purge(peerQueue);
                        if (run == 0) {
                            ExtendedClientLoop.run(stack, peerQueue.queueUrl, size, options.warmup,
                                    options.concurrency, UPLOADERS);
                            stack.purge(peerQueue);
                        }
                        double extended = ExtendedClientLoop.run(stack, peerQueue.queueUrl, size, n,
                                options.concurrency, UPLOADERS);
                        add(results, label + " AWS extended client (pointers)", extended);
                        System.out.printf(Locale.ROOT, "run %d, %s x %d: extended client %.1f msg/s%n", run, label, n,
                                extended);
                    }
                }
            }
        }
        Bench.deleteTree(work);
        Bench.report("chain", "bench/run chain " + String.join(" ", args), table(results, options));
    }

    /**
     * n objects uploaded while the chain drains them: messages/s. Counted from the chain's drained lines so far,
     * which accumulate over the life of its JVM.
     */
    static double chainRun(Bench.Stack stack, LongLivedChain chain, String tag, int size, int n, long timeoutSeconds)
            throws Exception {
        long before = chain.jar.count(Bench.DRAINED);
        long start = System.nanoTime();
        Future<?> uploads = upload(stack.s3(), tag, size, n);
        chain.jar.awaitCount(Bench.DRAINED, before + n, Duration.ofSeconds(timeoutSeconds));
        long end = System.nanoTime();
        uploads.get();
        return n / ((end - start) / 1e9);
    }

    /** Uploads n objects of the given size under input/bench/{tag}/ from {@link #UPLOADERS} threads. */
    static CompletableFuture<Void> upload(S3Client s3, String tag, int size, int n) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] workers = new CompletableFuture<?>[UPLOADERS];
        for (int t = 0; t < UPLOADERS; t++) {
            workers[t] = CompletableFuture.runAsync(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    String key = "input/bench/" + tag + "/" + i + ".bin";
                    s3.putObject(r -> r.bucket(BUCKET).key(key).contentType("application/octet-stream"),
                            RequestBody.fromBytes(payload));
                }
            }, pool);
        }
        pool.shutdown();
        return CompletableFuture.allOf(workers);
    }

    /** The baseline: receive 10, GET each object to a sink, DeleteMessageBatch; concurrency threads. Messages/s. */
    static double bareLoop(Bench.Stack stack, String tag, int size, int n, int concurrency) throws Exception {
        String queueUrl = stack.notifications().queueUrl;
        try (ReceiveLoop loop = new ReceiveLoop(stack.sqs(), queueUrl, concurrency, message
                -> drainEvent(stack.s3(), message))) {
            long start = System.nanoTime();
            Future<?> uploads = upload(stack.s3(), tag, size, n);
            double rate = loop.rateAt(n, start);
            uploads.get();
            return rate;
        }
    }

    /** Reads the objects of an S3 event to their end: how many. */
    static int drainEvent(S3Client s3, Message message) {
        List<S3EventNotificationRecord> records = S3EventNotification.fromJson(message.body()).getRecords();
        for (S3EventNotificationRecord record : records) {
            drain(s3, record.getS3().getBucket().getName(), record.getS3().getObject().getUrlDecodedKey());
        }
        return records.size();
    }

    /** Checked here, not in ExtendedClientLoop: loading that class needs the library. */
    static boolean peerAvailable() {
        try {
            Class.forName("com.amazon.sqs.javamessaging.AmazonSQSExtendedClient");
            return true;
        } catch (ClassNotFoundException e) {
            System.out.println(
                    "AWS extended client not on the class path (a test dependency): its peer runs are left out");
            return false;
        }
    }

    static void drain(S3Client s3, String bucket, String key) {
        try (var in = s3.getObject(r -> r.bucket(bucket).key(key))) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteBatch(SqsClient sqs, String queueUrl, List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    }

    private static void add(Map<String, List<Double>> results, String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String table(Map<String, List<Double>> results, Options options) {
        StringBuilder table = new StringBuilder("| consumer (concurrency " + options.concurrency + ", " + UPLOADERS
                + " uploaders) | messages/s, median over " + options.runs
                        + " runs | ratio to the bare loop of the same run: median (min, max) |\n| --- | --- | --- |\n");
        for (int size : options.counts.keySet()) {
            String label = Bench.size(size);
            List<Double> bare = results.get(label + " bare SDK loop");
            results.forEach((key, values) -> {
                if (key.startsWith(label + " ")) {
                    Bench.Stats stats = Bench.Stats.of(values);
                    // the ratio of each run (same minute, same load), then
                    // their median: steadier than a ratio of medians
                    List<Double> ratios = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        ratios.add(values.get(i) / bare.get(i));
                    }
                    table.append(String.format(Locale.ROOT, "| %s x %d, %s | %s | %s |%n", label,
                            options.counts.get(size),
                            key.substring(label.length() + 1), stats.format("msg/s"), Bench.Stats.of(ratios)
                                    .formatRatio()));
                }
            });
        }
        return table.toString();
    }

    /**
     * --runs, --count-1k, --count-256k, --concurrency, --warmup (payloads of each size through the chain before the
     * first run; through each baseline before its first run), --jfr (a flight recording of the chain JVM's whole
     * life, warm-up included, to bench/results/chain.jfr).
     */
    static final class Options {
        int runs = 3;
        int concurrency = 2;
        // a fresh chain JVM was still JIT-compiling after 2,000 payloads
        // (JFR): its warm-up is now paid once, not per run
        int warmup = 2000;
        boolean jfr;
        final Map<Integer, Integer> counts = new LinkedHashMap<>(Map.of(1024, 1500));

        Options(String[] args) {
            counts.put(256 * 1024, 500);
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.startsWith("--runs=")) {
                    runs = Integer.parseInt(value);
                } else if (arg.startsWith("--concurrency=")) {
                    concurrency = Integer.parseInt(value);
                } else if (arg.startsWith("--count-1k=")) {
                    counts.put(1024, Integer.parseInt(value));
                } else if (arg.startsWith("--count-256k=")) {
                    counts.put(256 * 1024, Integer.parseInt(value));
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.equals("--jfr")) {
                    jfr = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            counts.values().removeIf(count -> count <= 0);
        }
    }
}
