package io.sqsextended.chain.consumer.delivery;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

/** The scheduled pools of the consumer chain: its workers, its deletes, the downstream calls' timeouts. */
public final class ScheduledPools {

    private ScheduledPools() {
    }

    /**
     * A scheduled pool whose queue takes every task: what it runs is bounded before it (the poll gate admits 2 x
     * concurrency), and Camel's default limit of 1,000 queued tasks sent admitted messages to the dead letters from
     * concurrency 1,000 up.
     */
    public static ScheduledExecutorService unbounded(CamelContext context, Object source, String name, int threads) {
        return context.getExecutorServiceManager().newScheduledThreadPool(source, name,
                new ThreadPoolProfileBuilder(name).poolSize(threads).maxPoolSize(threads).maxQueueSize(-1).build());
    }
}
