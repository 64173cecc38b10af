package io.sqsextended.chain.api;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Counters by outcome, safe to bump from the HTTP worker threads at once. */
class ApiMetricsTest {

    final ApiMetrics metrics = new ApiMetrics();

    @Test
    void countsIssuedByOperationAndRejectedByStatus() {
        metrics.issued("put");
        metrics.issued("put");
        metrics.rejected(403);
        metrics.rejected(502);

        assertThat(metrics.snapshot()).containsExactly(Map.entry("failed.502", 1L), Map.entry("issued.put", 2L),
                Map.entry("refused.403", 1L));
    }

    @Test
    void concurrentIncrementsAreNotLost() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8000; i++) {
            pool.execute(() -> metrics.issued("get"));
        }
        pool.shutdown();

        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics.count("issued.get")).isEqualTo(8000);
    }
}
