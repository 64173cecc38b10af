package io.sqsextended.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RunningJar;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.bench.Bench.Stack.BUCKET;

/**
 * Large payloads: an object of 1 GiB (and 5 GiB with --5g) uploaded under input/ (multipart, 64 MiB parts), its
 * event consumed by the chain (a jar in aws mode with -Xmx256m against the stack jar; downstream reads the body
 * into nothing); MiB/s from the completed upload to the payload read to its end, against a raw SDK streaming
 * GET of the same object to a sink in the same run; peak RSS (VmHWM) of the chain jar. Then the AWS extended
 * client, in a process of its own with the same -Xmx256m, receives a pointer message to the same object.
 * Usage: bench/run large [--runs=3] [--5g]
 */
public final class LargePayloadBench {

    static final long GIB = 1L << 30;
    static final int PART = 64 << 20;

    public static void main(String[] args) throws Exception {
        int runs = PresignBench.intOption(args, "--runs=", 3);
        List<Long> sizes = new ArrayList<>(List.of(GIB));
        if (List.of(args).contains("--5g")) {
            sizes.add(5 * GIB);
        }
        Path work = Files.createTempDirectory("large-bench");
        Path routes = Bench.drainRoute(work.resolve("routes"));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<Long, Long> peakRss = new LinkedHashMap<>();
        String extendedFailure;
        try (Bench.Stack stack = Bench.Stack.start(work)) {
            for (long size : sizes) {
                String label = Bench.size(size);
                int sizeRuns = size > GIB ? 1 : runs;
                // a fresh chain jar per size: VmHWM is that size's peak
                try (RunningJar chain = stack.chain(work.resolve("chain-" + label.replace(' ', '-')), "-Xmx256m",
                        "-Dchain.routes.dir=" + routes, "-Dchain.downstream.uri=direct:bench-drain")) {
                    for (int run = 0; run < sizeRuns; run++) {
                        String key = "input/bench/large/" + label.replace(' ', '-') + "-" + run + ".bin";
                        long uploadStart = System.nanoTime();
                        upload(stack.s3(), key, size);
                        long uploaded = System.nanoTime();
                        chain.awaitCount(Bench.DRAINED, run + 1, Duration.ofMinutes(30));
                        double chainSeconds = (System.nanoTime() - uploaded) / 1e9;
                        if (chain.count("OutOfMemoryError") > 0) {
                            throw new IllegalStateException("the chain ran out of memory");
                        }
                        long rawStart = System.nanoTime();
                        try (var in = stack.s3().getObject(r -> r.bucket(BUCKET).key(key))) {
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
                        double mib = size / 1048576.0;
                        add(results, label + " upload (multipart PUT, bench)", mib / ((uploaded - uploadStart) / 1e9));
                        add(results, label + " chain: event -> downstream read to the end", mib / chainSeconds);
                        add(results, label + " raw SDK GET to a sink (baseline)", mib / rawSeconds);
                        System.out.printf(Locale.ROOT, "run %d, %s: chain %.0f MiB/s, raw GET %.0f MiB/s%n", run,
                                label, mib / chainSeconds, mib / rawSeconds);
                        stack.s3().deleteObject(r -> r.bucket(BUCKET).key(key));
                    }
                    peakRss.put(size, Bench.peakRssKiB(chain.pid()));
                }
            }
            extendedFailure = extendedClient(stack, work, sizes.get(0));
        }
        Bench.deleteTree(work);
        StringBuilder table = new StringBuilder("| " + String.join(" / ", sizes.stream().map(Bench::size).toList())
                + " | MiB/s, median over runs (" + runs
                        + " for 1 GiB, 1 for 5 GiB) | ratio to the raw GET of the same run: median (min, max) |\n| "
                        + "--- | --- | --- |\n");
        for (long size : sizes) {
            String label = Bench.size(size);
            List<Double> raw = results.get(label + " raw SDK GET to a sink (baseline)");
            results.forEach((name, values) -> {
                if (name.startsWith(label + " ")) {
                    // the ratio of each run (same minute, same load), then their median
                    List<Double> ratios = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        ratios.add(values.get(i) / raw.get(i));
                    }
                    table.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", name, Bench.Stats.of(values)
                            .format("MiB/s"),
                            name.contains("upload") ? "" : Bench.Stats.of(ratios).formatRatio()));
                }
            });
            table.append(String.format(Locale.ROOT, "| %s chain jar peak RSS (VmHWM, -Xmx256m) | %d MiB | |%n", label,
                    peakRss.get(size) / 1024));
        }
        table.append("\nAWS extended client 2.1.2, -Xmx256m, receiving a pointer to the ")
                .append(Bench.size(sizes.get(0)))
                .append(" object:\n\n```\n").append(extendedFailure).append("\n```\n");
        Bench.report("large", "bench/run large " + String.join(" ", args), table.toString());
    }

    /** A multipart upload of one random 64 MiB part repeated (the content does not matter, only its size). */
    static void upload(S3Client s3, String key, long size) {
        byte[] part = new byte[PART];
        new Random(7).nextBytes(part);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)
                .contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; (long) (number - 1) * PART < size; number++) {
            int n = number;
            String eTag = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
        }
        s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** Uploads the object again, sends an extended-client pointer to it, and runs ExtendedClientReceive; its error. */
    static String extendedClient(Bench.Stack stack, Path work, long size) throws Exception {
        String key = "bench-extended/" + Bench.size(size).replace(' ', '-') + ".bin";
        upload(stack.s3(), key, size);
        stack.sqs().createQueue(r -> r.queueName("bench-extended-large"));
        Queues queue = new Queues(stack.sqs(), "bench-extended-large");
        stack.purge(queue);
        stack.sqs().sendMessage(r -> r.queueUrl(queue.queueUrl)
                .messageBody("[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"" + BUCKET
                        + "\",\"s3Key\":\"" + key + "\"}]")
                .messageAttributes(Map.of("ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number")
                        .stringValue(String.valueOf(size)).build())));
        Process process = new ProcessBuilder("java", "-Xmx256m",
                "-Dlog4j2.configurationFile=bench/log4j2-bench.properties",
                "-cp", System.getProperty("java.class.path"), ExtendedClientReceive.class.getName(),
                stack.jar().s3().toString(), stack.jar().sqs().toString(), queue.queueUrl, BUCKET)
                .redirectErrorStream(true).redirectOutput(work.resolve("extended.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(work.resolve("extended.log"));
        // the outcome and the frames that lead to it: the first lines of the error and its stack
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 14))) + "\n(exit code " + process.exitValue()
                + ")";
    }

    private static void add(Map<String, List<Double>> results, String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
