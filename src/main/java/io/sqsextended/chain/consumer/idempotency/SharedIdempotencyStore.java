package io.sqsextended.chain.consumer.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.processor.idempotent.jdbc.AbstractJdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The idempotency store that the instances on one queue share, in PostgreSQL: Camel's JDBC repository (used eagerly by
 * the idempotent consumer) whose rows are claims. A payload is claimed before its downstream is called, so that of
 * two instances given the same payload at once one delivers it; the claim becomes a delivered key once the exchange
 * completed, and is released when it failed. An instance renews its claims every third of the claim timeout; the
 * claims of one that died (no renewal within the timeout) may be taken by another. Delivered keys are deleted after
 * the retention.
 * <p>
 * Not Camel's {@code JdbcOrphanLockAwareIdempotentRepository} as it is: it keeps renewing confirmed keys (so those of
 * a stopped instance become orphans, and are delivered again), compares the clocks of different hosts, and races
 * between its query and insert. Here every time is the database's, a claim is one atomic statement, and the key is
 * stored as its SHA-256 (S3 keys exceed any index entry).
 */
@ManagedResource(description = "Shared idempotency store (JDBC)")
public final class SharedIdempotencyStore extends AbstractJdbcMessageIdRepository implements StoreHealth {

    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SharedIdempotencyStore.class);

    private final CamelContext context;
    private final String database;
    private final Duration claimTimeout;
    private final Duration retention;
    private final AutoCloseable pool;
    /** This run of this instance: its claims are its own, and a restart's claims are another's. */
    private final String owner = ClaimsTable.newOwner();
    /** Claims whose outcome could not be written yet (true: delivered, false: released); retried at each renewal. */
    private final Map<String, Boolean> unsettled = new ConcurrentHashMap<>();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile Instant reachableSince;
    private volatile boolean schemaChecked;
    private ScheduledExecutorService timer;

    /**
     * @param processorName the queue: one database may serve several chains
     * @param database      where it is, for people (no credentials)
     * @param pool          closed when the store shuts down
     */
    public SharedIdempotencyStore(CamelContext context, DataSource dataSource, AutoCloseable pool,
            String processorName, String database,
                                  Duration claimTimeout, Duration retention) {
        super(dataSource, processorName);
        this.context = context;
        this.pool = pool;
        this.database = database;
        this.claimTimeout = claimTimeout;
        this.retention = retention;
        // a database that stops answering fails the statement instead of holding a worker
        jdbcTemplate.setQueryTimeout(10);
    }

    /** Claims the payload for this delivery; false if it was delivered, or another delivery holds it. */
    @ManagedOperation(description = "Claims the key (false: delivered, or held by a delivery under way)")
    @Override
    public boolean add(String key) {
        return access(() -> jdbcTemplate.update(ClaimsTable.CLAIM, processorName, ClaimsTable.id(key), key, owner,
                mayTakeOver(), seconds(claimTimeout)) == 1);
    }

    /** Whether the payload was delivered (false while a delivery holds it). */
    @ManagedOperation(description = "Whether the key's payload was delivered")
    public boolean delivered(String key) {
        return access(() -> jdbcTemplate.queryForObject(ClaimsTable.DONE, Integer.class, processorName,
                ClaimsTable.id(key)) > 0);
    }

    /**
     * The exchange completed: the claim becomes a delivered key (written at the next renewal if the database is away
     * now).
     */
    @Override
    public boolean confirm(String key) {
        settleOrKeep(key, true);
        return true;
    }

    /**
     * Releases this delivery's claim (the idempotent consumer's remove on failure), so that a redelivery may deliver.
     */
    @Override
    public boolean remove(String key) {
        settleOrKeep(key, false);
        return true;
    }

    /** The claim timeout: how long a payload held by a delivery that stopped renewing it waits for another. */
    public Duration claimTimeout() {
        return claimTimeout;
    }

    @Override
    public String location() {
        return database + " (table " + ClaimsTable.TABLE + ")";
    }

    /** Null while the database answers, else why not; asks it now. */
    @Override
    public String problem() {
        try {
            access(() -> jdbcTemplate.queryForObject("SELECT 1", Integer.class));
        } catch (IdempotencyStoreUnavailableException e) {
            // the reason is set by access
        }
        return problem.get();
    }

    @Override
    protected int queryForInt(String key) {
        return access(() -> jdbcTemplate.queryForObject(ClaimsTable.LIVE_COUNT, Integer.class, processorName,
                ClaimsTable.id(key), seconds(claimTimeout)));
    }

    @Override
    protected int insert(String key) {
        return add(key) ? 1 : 0;
    }

    @Override
    protected int delete(String key) {
        return access(() -> jdbcTemplate.update(ClaimsTable.REMOVE, processorName, ClaimsTable.id(key)));
    }

    @Override
    protected int delete() {
        return access(() -> jdbcTemplate.update(ClaimsTable.CLEAR, processorName));
    }

    @Override
    protected void doStart() throws Exception {
        LOG.info("Idempotency store: {}, shared by the instances on queue {}, this one claiming as {}; "
                + "claims time out after {}, delivered keys kept {}",
                location(), processorName, owner, claimTimeout, retention);
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ChainIdempotencyStore");
        long renewal = claimTimeout.toMillis() / 3;
        timer.scheduleWithFixedDelay(this::renew, 0, renewal, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::expire, EXPIRY_INTERVAL.toMillis() / 60, EXPIRY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownGraceful(timer);
            timer = null;
        }
        // the last outcomes, so that this instance's claims do not wait out their timeout
        renew();
    }

    @Override
    protected void doShutdown() throws Exception {
        pool.close();
    }

    /** Writes the outcomes that could not be written, then renews this instance's claims. */
    void renew() {
        try {
            unsettled.forEach((key, delivered) -> {
                settle(key, delivered);
                unsettled.remove(key, delivered);
            });
            access(() -> jdbcTemplate.update(ClaimsTable.RENEW, owner));
        } catch (IdempotencyStoreUnavailableException e) {
            // reported once by access; the next renewal tries again
        }
    }

    /** Deletes what is older than the retention: delivered keys, and claims of instances long gone. */
    void expire() {
        try {
            int expired = access(() -> jdbcTemplate.update(ClaimsTable.EXPIRE, processorName, seconds(retention)));
            if (expired > 0) {
                LOG.info("Idempotency store: {} keys older than {} deleted", expired, retention);
            }
        } catch (IdempotencyStoreUnavailableException e) {
            // the next run deletes them
        }
    }

    private void settleOrKeep(String key, boolean delivered) {
        try {
            settle(key, delivered);
        } catch (IdempotencyStoreUnavailableException e) {
            // held by this instance until written: its renewal keeps other deliveries off the payload meanwhile
            unsettled.put(key, delivered);
        }
    }

    private void settle(String key, boolean delivered) {
        if (delivered) {
            int confirmed = access(
                    () -> jdbcTemplate.update(ClaimsTable.CONFIRM, processorName, ClaimsTable.id(key), owner));
            if (confirmed == 0) {
                LOG.warn("Payload {} was delivered after its claim timed out ({}): another instance may deliver it "
                        + "too; raise chain.consumer.idempotency.claim-timeout above the longest pause of an instance",
                        key, claimTimeout);
            }
        } else {
            access(() -> jdbcTemplate.update(ClaimsTable.RELEASE, processorName, ClaimsTable.id(key), owner));
        }
    }

    /**
     * Claims of others are taken over only once this instance has reached the database for a whole claim timeout:
     * after an outage every claim looks old, and their holders need that long to renew them.
     */
    private boolean mayTakeOver() {
        Instant since = reachableSince;
        return since != null && since.plus(claimTimeout).isBefore(Instant.now());
    }

    /** Runs a statement: a database that cannot be reached is reported once, and its return once. */
    private <T> T access(Supplier<T> statement) {
        try {
            if (!schemaChecked) {
                createSchema();
            }
            T result = statement.get();
            if (reachableSince == null) {
                reachableSince = Instant.now();
            }
            String was = problem.getAndSet(null);
            if (was != null) {
                LOG.info("Idempotency store {} is reachable again", location());
            }
            return result;
        } catch (DataAccessException | TransactionException e) {
            reachableSince = null;
            String reason = "idempotency store " + location() + " unavailable: "
                    + e.getMostSpecificCause().getMessage();
            if (problem.getAndSet(reason) == null) {
                LOG.error("{}; deliveries wait until it answers (readiness DOWN meanwhile)", reason);
            }
            throw new IdempotencyStoreUnavailableException(reason, e);
        }
    }

    /** Instances that start together would race in CREATE ... IF NOT EXISTS (PostgreSQL fails one): one at a time. */
    private synchronized void createSchema() {
        transactionTemplate.executeWithoutResult(status -> {
            jdbcTemplate.queryForList("SELECT pg_advisory_xact_lock(hashtext('" + ClaimsTable.TABLE + "'))");
            ClaimsTable.SCHEMA.forEach(jdbcTemplate::execute);
        });
        schemaChecked = true;
    }

    private static long seconds(Duration duration) {
        return duration.toSeconds();
    }

    /** The connection to log and show: what a JDBC URL says after {@code ?} may be credentials. */
    public static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
