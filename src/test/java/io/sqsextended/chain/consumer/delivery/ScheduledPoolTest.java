package io.sqsextended.chain.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The pools of the workers, the deletes and the downstream timeouts: bounded by what the poll gate admits, not by a
 * queue limit.
 */
class ScheduledPoolTest {

    @Test
    void aPoolWhoseThreadsAreAllBusyQueuesMoreThanCamelsDefaultLimitOfAThousandTasks() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            ScheduledExecutorService pool = ScheduledPools.unbounded(context, this, "Busy", 1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            for (int i = 0; i < 2500; i++) {
                pool.execute(ran::incrementAndGet);
                pool.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
            }
            release.countDown();
            pool.shutdown();

            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasValue(5000);
        }
    }
}
