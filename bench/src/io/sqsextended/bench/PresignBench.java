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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.sqsextended.chain.presign.ApiClient;
import io.sqsextended.chain.wire.AwsClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * Presign API under load: N client threads (the test kit's ApiClient: java.net.http, HTTP/1.1, keep-alive) send
 * POST /v1/uploads or POST /v1/downloads to the jar (local mode) for a fixed time; requests/s, p50 and p99. The ceiling, in the same
 * run with the same threads: the bare S3Presigner call in a loop (uploads: presign PUT; downloads: HEAD of the
 * object and presign GET, the two things the endpoint does).
 * Usage: bench/run presign [--runs=3] [--threads=8] [--seconds=10] [--jfr] (--jfr: a flight recording of the jar)
 */
public final class PresignBench {

    static final String OBJECT = "input/bench/presign/object.bin";
    static final String UPLOAD = "{\"contentType\":\"application/octet-stream\",\"contentLength\":1024,\"fileName\":\"a.bin\"}";
    static final String DOWNLOAD = "{\"key\":\"" + OBJECT + "\"}";

    /** Requests/s and latency percentiles (ms) of one timed load. */
    record Load(double perSecond, double p50, double p99) {
    }

    public static void main(String[] args) throws Exception {
        int runs = intOption(args, "--runs=", 3);
        int threads = intOption(args, "--threads=", 8);
        int seconds = intOption(args, "--seconds=", 10);
        Map<String, List<Load>> results = new LinkedHashMap<>();
        String[] jfr = List.of(args).contains("--jfr")
                ? new String[] {"-XX:StartFlightRecording=filename=" + Path.of("bench/results/presign.jfr").toAbsolutePath() + ",settings=profile"}
                : new String[0];
        Path work = Files.createTempDirectory("presign-bench");
        try (Bench.Stack stack = Bench.Stack.start(work, jfr)) {
            stack.s3().putObject(r -> r.bucket(BUCKET).key(OBJECT), RequestBody.fromBytes(new byte[1024]));
            ApiClient api = new ApiClient(stack.jar().api());
            try (S3Presigner presigner = AwsClients.presigner(stack.jar().clientSettings())) {
                Map<String, Callable<Boolean>> calls = new LinkedHashMap<>();
                calls.put("POST /v1/uploads", () -> api.postJson("/v1/uploads", ApiClient.PRODUCER, UPLOAD).status() == 201);
                calls.put("presign PUT (ceiling of uploads)", () -> presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(15))
                        .putObjectRequest(p -> p.bucket(BUCKET).key("input/x/a.bin").contentType("application/octet-stream")
                                .contentLength(1024L).ifNoneMatch("*"))).url() != null);
                calls.put("POST /v1/downloads", () -> api.postJson("/v1/downloads", ApiClient.CONSUMER, DOWNLOAD).status() == 200);
                calls.put("HEAD + presign GET (ceiling of downloads)", () -> stack.s3().headObject(r -> r.bucket(BUCKET).key(OBJECT))
                        .contentLength() == 1024 && presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(15))
                        .getObjectRequest(g -> g.bucket(BUCKET).key(OBJECT))).url() != null);
                for (Map.Entry<String, Callable<Boolean>> call : calls.entrySet()) {
                    load(call.getValue(), threads, 5);  // warm-up of both JVMs, not counted
                }
                for (int run = 0; run < runs; run++) {
                    for (Map.Entry<String, Callable<Boolean>> call : calls.entrySet()) {
                        Load load = load(call.getValue(), threads, seconds);
                        results.computeIfAbsent(call.getKey(), k -> new ArrayList<>()).add(load);
                        System.out.printf(Locale.ROOT, "run %d, %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms%n", run, call.getKey(),
                                load.perSecond(), load.p50(), load.p99());
                    }
                }
            }
        }
        Bench.deleteTree(work);
        Bench.report("presign", "bench/run presign " + String.join(" ", args), table(results, runs, threads, seconds));
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
        return new Load(all.size() / (double) seconds, all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6);
    }

    private static String table(Map<String, List<Load>> results, int runs, int threads, int seconds) {
        StringBuilder table = new StringBuilder("| call (" + threads + " threads, " + seconds + " s, loopback) | requests/s, median over " + runs
                + " runs | p50 ms | p99 ms | ratio to the ceiling of the same run: median (min, max) |\n| --- | --- | --- | --- | --- |\n");
        List<String> names = new ArrayList<>(results.keySet());
        for (int i = 0; i < names.size(); i += 2) {
            List<Load> ceiling = results.get(names.get(i + 1));
            for (String name : names.subList(i, i + 2)) {
                List<Load> loads = results.get(name);
                Bench.Stats rate = Bench.Stats.of(loads.stream().map(Load::perSecond).toList());
                // the ratio of each run (same minute, same load), then their median
                List<Double> ratios = new ArrayList<>();
                for (int run = 0; run < loads.size(); run++) {
                    ratios.add(loads.get(run).perSecond() / ceiling.get(run).perSecond());
                }
                table.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s |%n", name, rate.format("req/s"),
                        Bench.Stats.of(loads.stream().map(Load::p50).toList()).median(),
                        Bench.Stats.of(loads.stream().map(Load::p99).toList()).median(), Bench.Stats.of(ratios).formatRatio()));
            }
        }
        return table.toString();
    }

    static int intOption(String[] args, String name, int fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith(name)).map(a -> Integer.parseInt(a.substring(name.length())))
                .findFirst().orElse(fallback);
    }
}
