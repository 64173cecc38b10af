package io.sqsextended.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.sqsextended.chain.testkit.ApiClient;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * Presign API under load against a fair ceiling. The same clients (the test kit's ApiClient: java.net.http, HTTP/1.1,
 * keep-alive), N threads calling in a loop for a fixed time, send POST /v1/uploads and POST /v1/downloads to the jar
 * (local mode, also the embedded S3) and to {@link PresignCeiling} (a minimal Vert.x server in the bench process doing
 * HTTP + token check + the same presign and HEAD, no Camel), interleaved run by run; requests/s, p50 and p99 per side
 * and the ratio API / ceiling of each run. Then downloads again on a stack with S3 latency injected
 * ({@code chain.local.latency=s3=<ms>ms}): both sides' HEAD waits for it.
 * Usage: bench/run presign [--runs=3] [--clients=8,64] [--seconds=10] [--warmup=5] [--s3-latency-ms=20] [--jfr]
 * (--s3-latency-ms=0: no second stack; --jfr: a flight recording of the first jar, bench/results/presign.jfr)
 */
public final class PresignBench {

    static final String OBJECT = "input/bench/presign/object.bin";
    static final String UPLOAD = "{\"contentType\":\"application/octet-stream\",\"contentLength\":1024,"
            + "\"fileName\":\"a.bin\"}";
    static final String DOWNLOAD = "{\"key\":\"" + OBJECT + "\"}";
    static final List<String> SIDES = List.of("API (jar)", "ceiling (Vert.x)");

    /** Requests/s and latency percentiles (ms) of one timed load. */
    record Load(double perSecond, double p50, double p99) {
    }

    public static void main(String[] args) throws Exception {
        int runs = intOption(args, "--runs=", 3);
        int seconds = intOption(args, "--seconds=", 10);
        int warmup = intOption(args, "--warmup=", 5);
        int latency = intOption(args, "--s3-latency-ms=", 20);
        List<Integer> clients = Arrays.stream(stringOption(args, "--clients=", "8,64").split(","))
                .map(Integer::parseInt).toList();
        String[] jfr = List.of(args).contains("--jfr")
                ? new String[] {"-XX:StartFlightRecording=filename=" + Path.of("bench/results/presign.jfr")
                        .toAbsolutePath() + ",settings=profile"}
                : new String[0];
        // scenario -> side -> one load per run
        Map<String, Map<String, List<Load>>> results = new LinkedHashMap<>();
        measure(results, "S3 +0 ms", List.of("POST /v1/uploads", "POST /v1/downloads"), clients, runs, seconds, warmup,
                jfr);
        if (latency > 0) {
            measure(results, "S3 +" + latency + " ms", List.of("POST /v1/downloads"), clients, runs, seconds, warmup,
                    "-Dchain.local.latency=s3=" + latency + "ms");
        }
        Bench.report("presign", "bench/run presign " + String.join(" ", args), table(results, runs, seconds));
    }

    /** One stack started with {@code options}: every call at every client count, API then ceiling, run by run. */
    private static void measure(Map<String, Map<String, List<Load>>> results, String label, List<String> calls,
            List<Integer> clients,
            int runs, int seconds, int warmup, String... options) throws Exception {
        Path work = Files.createTempDirectory("presign-bench");
        try (Bench.Stack stack = Bench.Stack.start(work, options);
                PresignCeiling ceiling = new PresignCeiling(stack.jar().clientSettings(), BUCKET)) {
            stack.s3().putObject(r -> r.bucket(BUCKET).key(OBJECT), RequestBody.fromBytes(new byte[1024]));
            List<ApiClient> targets = List.of(new ApiClient(stack.jar().api()), new ApiClient(ceiling.uri()));
            for (int threads : clients) {
                for (String call : calls) {
                    for (ApiClient target : targets) {
                        load(request(target, call), threads, warmup);  // warm-up of both servers, not counted
                    }
                }
            }
            for (int run = 0; run < runs; run++) {
                for (int threads : clients) {
                    for (String call : calls) {
                        String scenario = call + ", " + threads + " clients, " + label;
                        for (int side = 0; side < SIDES.size(); side++) {
                            Load load = load(request(targets.get(side), call), threads, seconds);
                            results.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(SIDES.get(side), k -> new ArrayList<>())
                                    .add(load);
                            System.out.printf(Locale.ROOT, "run %d, %s, %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
                                    run, scenario,
                                    SIDES.get(side), load.perSecond(), load.p50(), load.p99());
                        }
                    }
                }
            }
        }
        Bench.deleteTree(work);
    }

    private static Callable<Boolean> request(ApiClient target, String call) {
        return call.endsWith("uploads")
                ? () -> target.postJson("/v1/uploads", ApiClient.PRODUCER, UPLOAD).status() == 201
                : () -> target.postJson("/v1/downloads", ApiClient.CONSUMER, DOWNLOAD).status() == 200;
    }

    /** Calls in a loop on each thread for the given time; fails on the first unexpected answer. */
    static Load load(Callable<Boolean> call, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong failures = new AtomicLong();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    if (!call.call()) {
                        failures.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            for (long latency : worker.get()) {
                all.add(latency);
            }
        }
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " unexpected answers");
        }
        all.sort(null);
        return new Load(all.size() / (double) seconds, all.get(all.size() / 2) / 1e6,
                all.get((int) (all.size() * 0.99)) / 1e6);
    }

    private static String table(Map<String, Map<String, List<Load>>> results, int runs, int seconds) {
        StringBuilder table = new StringBuilder(
                "| call, clients, injected S3 latency | side | requests/s, median over " + runs + " runs of " + seconds
                + " s | p50 ms | p99 ms | ratio to the ceiling of the same run: median (min, max) |\n| --- | --- | "
                        + "--- | --- | --- | --- |\n");
        results.forEach((scenario, sides) -> {
            List<Load> ceiling = sides.get(SIDES.get(1));
            sides.forEach((side, loads) -> {
                // the ratio of each run (same minute, same load), then their median
                List<Double> ratios = new ArrayList<>();
                for (int run = 0; run < loads.size(); run++) {
                    ratios.add(loads.get(run).perSecond() / ceiling.get(run).perSecond());
                }
                table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %s |%n", scenario, side,
                        Bench.Stats.of(loads.stream().map(Load::perSecond).toList()).format("req/s"),
                        Bench.Stats.of(loads.stream().map(Load::p50).toList()).median(),
                        Bench.Stats.of(loads.stream().map(Load::p99).toList()).median(), Bench.Stats.of(ratios)
                                .formatRatio()));
            });
        });
        return table.toString();
    }

    static int intOption(String[] args, String name, int fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith(name))
                .map(a -> Integer.parseInt(a.substring(name.length())))
                .findFirst().orElse(fallback);
    }

    static String stringOption(String[] args, String name, String fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith(name)).map(a -> a.substring(name.length())).findFirst()
                .orElse(fallback);
    }
}
