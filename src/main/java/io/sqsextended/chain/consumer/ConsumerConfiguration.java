package io.sqsextended.chain.consumer;

import java.util.concurrent.ScheduledExecutorService;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.consumer.delivery.ScheduledPools;
import io.sqsextended.chain.consumer.idempotency.DeliveredKeysFile;
import io.sqsextended.chain.consumer.idempotency.SharedIdempotencyStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Binds the consumer chain's workers and its idempotent repository, unless one is bound already (e.g.
 * {@code camel.beans.*}).
 */
@Configuration
public class ConsumerConfiguration implements CamelConfiguration {

    /** Bind another {@link IdempotentRepository} under this name to share duplicates across instances. */
    public static final String IDEMPOTENT_REPOSITORY = "chainIdempotentRepository";
    /** The {@code chain.consumer.concurrency} threads that process payloads, first attempts and redeliveries alike. */
    static final String WORKERS = "chainConsumerWorkers";

    /** Scheduled: the error handler waits out redelivery delays on it without holding one of its threads. */
    @BindToRegistry(value = WORKERS, lazy = true)
    public ScheduledExecutorService consumerWorkers(CamelContext context) {
        int threads = ChainConfig.of(context).get(ConsumerSettings.GROUP).polling().concurrency();
        return ScheduledPools.unbounded(context, this, "ChainConsumer", threads);
    }

    /** A default that gives way to a repository the user bound: {@code @BindToRegistry} would replace it. */
    @Override
    public void configure(CamelContext context) {
        if (context.getRegistry().lookupByName(IDEMPOTENT_REPOSITORY) == null) {
            context.getRegistry().bind(IDEMPOTENT_REPOSITORY, defaultRepository(context));
        }
    }

    static ScheduledExecutorService workers(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(WORKERS, ScheduledExecutorService.class);
    }

    /** The store {@code chain.consumer.idempotency.store} names: memory or file for one instance, jdbc for several. */
    private static IdempotentRepository defaultRepository(CamelContext context) {
        ChainConfig config = ChainConfig.of(context);
        ConsumerSettings.Idempotency idempotency = config.get(ConsumerSettings.GROUP).idempotency();
        return switch (idempotency.store()) {
            case MEMORY -> MemoryIdempotentRepository.memoryIdempotentRepository(idempotency.size());
            case FILE -> new DeliveredKeysFile(config.deliveredKeysFile(), idempotency.size());
            case JDBC -> sharedStore(context, config.resources().queue(), idempotency);
        };
    }

    private static SharedIdempotencyStore sharedStore(CamelContext context, String queue,
            ConsumerSettings.Idempotency idempotency) {
        ConsumerSettings.Jdbc jdbc = idempotency.jdbc();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("chain-idempotency");
        pool.setJdbcUrl(jdbc.url());
        pool.setUsername(jdbc.user());
        pool.setPassword(jdbc.password());
        pool.setMaximumPoolSize(jdbc.poolSize());
        // a worker waits at most this long for a connection while the database is away, then for a redelivery
        pool.setConnectionTimeout(2000);
        // the app starts while the database is away: readiness says so, and deliveries wait for it
        pool.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        return new SharedIdempotencyStore(context, dataSource, dataSource, queue,
                SharedIdempotencyStore.withoutParameters(jdbc.url()), idempotency.claimTimeout(),
                idempotency.retention());
    }
}
