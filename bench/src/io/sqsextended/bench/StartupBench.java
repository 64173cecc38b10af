package io.sqsextended.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sqsextended.chain.RunningJar;

/**
 * Start-up: time from {@code java -jar} to "started" in local mode (embedded stack included) and in aws mode
 * against an already running stack (the baseline: the same jar without the embedded stack).
 * Usage: bench/run startup [runs]
 */
public final class StartupBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("startup-bench");
        List<Double> local = new ArrayList<>();
        List<Double> aws = new ArrayList<>();
        // the stack the aws-mode runs talk to
        try (Bench.Stack stack = Bench.Stack.start(work)) {
            for (int i = 0; i < runs; i++) {
                try (RunningJar jar = RunningJar.start(work.resolve("local-" + i), "-Xmx512m")) {
                    local.add(millisToStarted(jar));
                }
                try (RunningJar jar = RunningJar.start(work.resolve("aws-" + i), stack.chainSettings("-Xmx512m"))) {
                    aws.add(millisToStarted(jar));
                }
            }
        }
        Bench.deleteTree(work);
        Bench.Stats localStats = Bench.Stats.of(local);
        Bench.Stats awsStats = Bench.Stats.of(aws);
        String table = "| start-up to \"started\" | median over " + runs + " runs |\n| --- | --- |\n"
                + "| aws mode (baseline: no embedded stack) | " + awsStats.format("ms") + " |\n"
                + "| local mode (embedded S3 + SQS) | " + localStats.format("ms") + " |\n"
                + String.format(Locale.ROOT, "| ratio local / aws | %.2f |\n", localStats.median() / awsStats.median());
        Bench.report("startup", "bench/run startup " + runs, table);
    }

    /** From the start of the process to the line that says it has started. */
    private static double millisToStarted(RunningJar jar) {
        return 1000 * jar.awaitOutput(Bench.STARTED, Bench.STARTUP);
    }
}
