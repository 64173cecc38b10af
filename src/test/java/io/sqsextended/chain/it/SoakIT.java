package io.sqsextended.chain.it;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.Tag;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 small payloads through the whole chain (S3 PUT, notification, SQS, HEAD, GET, downstream), in this JVM:
 * none lost, duplicates reported, heap (after GC) and thread count flat between the end of the warm-up and the end.
 * Profile {@code reliability}: {@code mvn verify -Preliability -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT}.
 */
@Tag("reliability")
class SoakIT {

    static final int PAYLOADS = Integer.getInteger("chaintest.soak.payloads", 10_000);
    static final int WARM_UP = PAYLOADS / 10;
    static final int PRODUCERS = 4;

    @RegisterExtension
    final ChainExtension chain = ChainExtension.withUniqueSecrets().property(ChainKeys.CONCURRENCY.name(), "4");

    @Test
    void tenThousandPayloadsPassWithNoneLostAndNoLeak() throws Exception {
        RecordingDownstream downstream = chain.downstream();
        S3Client s3 = chain.s3();
        String bucket = chain.property(ChainKeys.BUCKET.name());

        long started = System.nanoTime();
        upload(s3, bucket, 0, WARM_UP);
        await().atMost(Duration.ofMinutes(5)).until(() -> downstream.keys().size() >= WARM_UP);
        Snapshot warm = Snapshot.take();

        long measured = System.nanoTime();
        upload(s3, bucket, WARM_UP, PAYLOADS);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> downstream.keys().size() >= PAYLOADS);
        double seconds = (System.nanoTime() - measured) / 1e9;
        Snapshot end = Snapshot.take();

        long duplicates = downstream.deliveries().size() - downstream.keys().size();
        System.out.printf(
                "Soak: %d payloads (%d after a warm-up of %d) in %.1f s, %.0f payloads/s end to end; %d lost, %d "
                + "duplicates;"
                        + " heap after GC %d MiB after the warm-up, %d MiB at the end; threads %d and %d; %.0f s in "
                                + "all%n",
                PAYLOADS, PAYLOADS - WARM_UP, WARM_UP, seconds, (PAYLOADS - WARM_UP) / seconds,
                        PAYLOADS - downstream.keys().size(), duplicates,
                warm.heapMiB, end.heapMiB, warm.threads, end.threads, (System.nanoTime() - started) / 1e9);
        assertThat(downstream.keys()).hasSize(PAYLOADS);
        assertThat(end.heapMiB).as("heap after GC, MiB").isLessThan(warm.heapMiB + 64);
        assertThat(end.threads).as("threads").isLessThanOrEqualTo(warm.threads + 8);
    }

    private static void upload(S3Client s3, String bucket, int from, int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                done.add(pool.submit(() -> {
                    for (int i = from + producer; i < to; i += PRODUCERS) {
                        String key = "input/soak/" + i + ".json";
                        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"),
                                RequestBody.fromString("{\"n\":" + key.hashCode() + "}"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    record Snapshot(long heapMiB, int threads) {

        static Snapshot take() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            memory.gc();
            memory.gc();
            return new Snapshot(memory.getHeapMemoryUsage().getUsed() >> 20, threads.getThreadCount());
        }
    }
}
