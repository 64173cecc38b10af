package io.sqsextended.chain.consumer.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    public static final String TABLE = "chain_delivered";
    /** The schema, created when missing (docs/operations.md gives it to DBAs who create it themselves). */
    public static final List<String> SCHEMA = List.of("""
            CREATE TABLE IF NOT EXISTS chain_delivered (
                processor_name VARCHAR(255) NOT NULL,
                message_id     CHAR(64)     NOT NULL,
                payload        TEXT         NOT NULL,
                owner          VARCHAR(64)  NOT NULL,
                done           BOOLEAN      NOT NULL DEFAULT FALSE,
                updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                PRIMARY KEY (processor_name, message_id))""",
            "CREATE INDEX IF NOT EXISTS chain_delivered_claims ON chain_delivered (owner) WHERE NOT done",
            "CREATE INDEX IF NOT EXISTS chain_delivered_age ON chain_delivered (processor_name, updated_at)");

    // a claim: a new row, or the row of a claim nobody renewed within the timeout (never a delivered key)
    private static final String CLAIM = "INSERT INTO chain_delivered AS d (processor_name, message_id, payload, owner) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (processor_name, message_id) DO UPDATE SET owner = EXCLUDED.owner, updated_at = CURRENT_TIMESTAMP "
            + "WHERE ? AND NOT d.done AND d.updated_at < CURRENT_TIMESTAMP - make_interval(secs => ?)";
    private static final String LIVE_COUNT = "SELECT COUNT(*) FROM chain_delivered WHERE processor_name = ? AND message_id = ? "
            + "AND (done OR updated_at >= CURRENT_TIMESTAMP - make_interval(secs => ?))";
    private static final String DONE = "SELECT COUNT(*) FROM chain_delivered WHERE processor_name = ? AND message_id = ? AND done";
    private static final String CONFIRM = "UPDATE chain_delivered SET done = TRUE, updated_at = CURRENT_TIMESTAMP "
            + "WHERE processor_name = ? AND message_id = ? AND owner = ?";
    private static final String RELEASE = "DELETE FROM chain_delivered WHERE processor_name = ? AND message_id = ? AND owner = ? AND NOT done";
    private static final String REMOVE = "DELETE FROM chain_delivered WHERE processor_name = ? AND message_id = ?";
    private static final String CLEAR = "DELETE FROM chain_delivered WHERE processor_name = ?";
    private static final String RENEW = "UPDATE chain_delivered SET updated_at = CURRENT_TIMESTAMP WHERE owner = ? AND NOT done";
    private static final String EXPIRE = "DELETE FROM chain_delivered WHERE processor_name = ? AND updated_at < CURRENT_TIMESTAMP - make_interval(secs => ?)";
    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SharedIdempotencyStore.class);

    private final CamelContext context;
    private final String database;
    private final Duration claimTimeout;
    private final Duration retention;
    private final AutoCloseable pool;
    /** This run of this instance: its claims are its own, and a restart's claims are another's. */
    private final String owner = UUID.randomUUID().toString();
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
    public SharedIdempotencyStore(CamelContext context, DataSource dataSource, AutoCloseable pool, String processorName, String database,
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
        return access(() -> jdbcTemplate.update(CLAIM, processorName, id(key), key, owner, mayTakeOver(), seconds(claimTimeout)) == 1);
    }

    /** Whether the payload was delivered (false while a delivery holds it). */
    @ManagedOperation(description = "Whether the key's payload was delivered")
    public boolean delivered(String key) {
        return access(() -> jdbcTemplate.queryForObject(DONE, Integer.class, processorName, id(key)) > 0);
    }

    /** The exchange completed: the claim becomes a delivered key (written at the next renewal if the database is away now). */
    @Override
    public boolean confirm(String key) {
        settleOrKeep(key, true);
        return true;
    }

    /** Releases this delivery's claim (the idempotent consumer's remove on failure), so that a redelivery may deliver. */
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
        return database + " (table " + TABLE + ")";
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
        return access(() -> jdbcTemplate.queryForObject(LIVE_COUNT, Integer.class, processorName, id(key), seconds(claimTimeout)));
    }

    @Override
    protected int insert(String key) {
        return add(key) ? 1 : 0;
    }

    @Override
    protected int delete(String key) {
        return access(() -> jdbcTemplate.update(REMOVE, processorName, id(key)));
    }

    @Override
    protected int delete() {
        return access(() -> jdbcTemplate.update(CLEAR, processorName));
    }

    @Override
    protected void doStart() throws Exception {
        LOG.info("Idempotency store: {}, shared by the instances on queue {}; claims time out after {}, delivered keys kept {}",
                location(), processorName, claimTimeout, retention);
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ChainIdempotencyStore");
        long renewal = claimTimeout.toMillis() / 3;
        timer.scheduleWithFixedDelay(this::renew, 0, renewal, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::expire, EXPIRY_INTERVAL.toMillis() / 60, EXPIRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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
            access(() -> jdbcTemplate.update(RENEW, owner));
        } catch (IdempotencyStoreUnavailableException e) {
            // reported once by access; the next renewal tries again
        }
    }

    /** Deletes what is older than the retention: delivered keys, and claims of instances long gone. */
    void expire() {
        try {
            int expired = access(() -> jdbcTemplate.update(EXPIRE, processorName, seconds(retention)));
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
            if (access(() -> jdbcTemplate.update(CONFIRM, processorName, id(key), owner)) == 0) {
                LOG.warn("Payload {} was delivered after its claim timed out ({}): another instance may deliver it too; "
                        + "raise chain.consumer.idempotency.claim-timeout above the longest pause of an instance", key, claimTimeout);
            }
        } else {
            access(() -> jdbcTemplate.update(RELEASE, processorName, id(key), owner));
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
            String reason = "idempotency store " + location() + " unavailable: " + e.getMostSpecificCause().getMessage();
            if (problem.getAndSet(reason) == null) {
                LOG.error("{}; deliveries wait until it answers (readiness DOWN meanwhile)", reason);
            }
            throw new IdempotencyStoreUnavailableException(reason, e);
        }
    }

    /** Instances that start together would race in CREATE ... IF NOT EXISTS (PostgreSQL fails one): one at a time. */
    private synchronized void createSchema() {
        transactionTemplate.executeWithoutResult(status -> {
            jdbcTemplate.queryForList("SELECT pg_advisory_xact_lock(hashtext('" + TABLE + "'))");
            SCHEMA.forEach(jdbcTemplate::execute);
        });
        schemaChecked = true;
    }

    private static long seconds(Duration duration) {
        return duration.toSeconds();
    }

    private static String id(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The connection to log and show: what a JDBC URL says after {@code ?} may be credentials. */
    public static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
