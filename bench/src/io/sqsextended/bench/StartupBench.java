package io.sqsextended.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up: time from {@code java -jar} to "started" in local mode (embedded stack included) and in aws mode
 * against an already running stack (the baseline: the same jar without the embedded stack).
 * Usage: bench/run startup [runs]
 */
public final class StartupBench {

    private static final String STARTED = ") started in ";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("startup-bench");
        int s3 = Bench.freePort();
        int sqs = Bench.freePort();
        List<Double> local = new ArrayList<>();
        List<Double> aws = new ArrayList<>();
        // the stack the aws-mode runs talk to: the jar in local mode, its consumer off
        try (var stack = new Bench.JarProcess(work.resolve("stack"), "512m", "-Dchain.local.s3-port=" + s3,
                "-Dchain.local.sqs-port=" + sqs, "-Dcamel.server.port=0", "-Dcamel.management.port=0", "-Dchain.consumer.enabled=false")) {
            stack.awaitLine(STARTED, 120);
            for (int i = 0; i < runs; i++) {
                try (var jar = new Bench.JarProcess(work.resolve("local-" + i), "512m", "-Dchain.local.s3-port=0",
                        "-Dchain.local.sqs-port=0", "-Dcamel.server.port=0", "-Dcamel.management.port=0")) {
                    local.add(jar.awaitLine(STARTED, 120));
                }
                try (var jar = new Bench.JarProcess(work.resolve("aws-" + i), "512m", "-Dchain.mode=aws", "-Dchain.region=us-east-1",
                        "-Dchain.aws.s3-endpoint-override=http://127.0.0.1:" + s3, "-Dchain.aws.sqs-endpoint-override=http://127.0.0.1:" + sqs,
                        "-Dchain.aws.access-key=local-access-key", "-Dchain.aws.secret-key=local-secret-key",
                        "-Dchain.bucket=sqs-extended-chain-payloads-000000000000", "-Dchain.queue=sqs-extended-chain-notifications",
                        "-Dchain.dead-letter-queue=sqs-extended-chain-dlq", "-Dchain.auth.enabled=false",
                        "-Dcamel.server.port=0", "-Dcamel.management.port=0")) {
                    aws.add(jar.awaitLine(STARTED, 120));
                }
            }
        }
        Bench.Stats localStats = Bench.Stats.of(local);
        Bench.Stats awsStats = Bench.Stats.of(aws);
        String table = "| start-up to \"started\" | median over " + runs + " runs |\n| --- | --- |\n"
                + "| aws mode (baseline: no embedded stack) | " + awsStats.format("ms") + " |\n"
                + "| local mode (embedded S3 + SQS) | " + localStats.format("ms") + " |\n"
                + String.format(Locale.ROOT, "| ratio local / aws | %.2f |\n", localStats.median() / awsStats.median());
        Bench.report("startup", "bench/run startup " + runs, table);
    }
}
