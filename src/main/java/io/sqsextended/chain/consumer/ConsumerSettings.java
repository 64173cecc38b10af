package io.sqsextended.chain.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.consumer.payload.CleanupPolicy;
import io.sqsextended.chain.wire.PayloadSource;

/**
 * Settings of the consumer chain ({@code chain.consumer.*}, the downstream and the user routes), declared here and
 * grouped by the part of the chain that takes them; what messages may name is {@code events.TrustSettings}, and the
 * concurrency {@link ChainKeys#CONCURRENCY} (the AWS clients' pools are sized by it).
 *
 * @param enabled     whether the queue consumer starts with the app
 * @param polling     how the queue is received
 * @param delivery    what the downstream route gets, and for how long
 * @param redelivery  redelivery before the dead-letter queue
 * @param idempotency where delivered keys are kept
 * @param routes      where payloads go, and the user routes
 */
public record ConsumerSettings(boolean enabled, Polling polling, Delivery delivery, Redelivery redelivery,
        Idempotency idempotency,
                               Routes routes) {

    public static final String PREFIX = "chain.consumer.";
    public static final Setting<Boolean> ENABLED = Setting.bool(PREFIX + "enabled", "true",
            "false: the queue is not consumed");
    public static final Setting<List<String>> QUEUES = Setting.list(PREFIX + "queues", null,
            "queues consumed, comma-separated, standard or FIFO (.fifo); unset: chain.queue");
    public static final Setting<Integer> WAIT_TIME_SECONDS = Setting.integer(PREFIX + "wait-time-seconds", "20",
            "long-polling wait of each receive")
            .require(seconds -> seconds >= 0 && seconds <= 20, "must be between 0 and 20");
    public static final Setting<Integer> VISIBILITY_TIMEOUT = Setting.integer(PREFIX + "visibility-timeout", null,
            "seconds a received message stays hidden; unset: the queue's");
    public static final Setting<Boolean> FETCH_PAYLOAD = Setting.bool(PREFIX + "fetch-payload", "true",
            "false: the downstream gets the headers and PayloadDownloadUrl only");
    // one array per payload
    public static final Setting<Long> REPLAY_BUFFER = Setting.size(PREFIX + "replay-buffer", "1MiB",
            "bytes of each payload kept for a second reader")
            .require(bytes -> bytes < Integer.MAX_VALUE, "must be below 2 GiB");
    public static final Setting<Duration> DOWNLOAD_URL_TTL = Setting.duration(PREFIX + "download-url-ttl", "PT1H",
            "validity of PayloadDownloadUrl");
    public static final Setting<Integer> REDELIVERY_MAX_ATTEMPTS = Setting.integer(PREFIX + "redelivery.max-attempts",
            "3", "redelivery attempts after the first failure");
    public static final Setting<Duration> REDELIVERY_INITIAL_DELAY = Setting.millis(
            PREFIX + "redelivery.initial-delay", "1000", "delay before the first redelivery");
    public static final Setting<Double> REDELIVERY_MULTIPLIER = Setting.number(PREFIX + "redelivery.multiplier", "2",
            "factor between successive delays");
    public static final Setting<Duration> REDELIVERY_MAX_DELAY = Setting.millis(PREFIX + "redelivery.max-delay",
            "60000", "longest delay between redeliveries");
    public static final Setting<Integer> REDELIVERY_MAX_WAITING = Setting.integer(PREFIX + "redelivery.max-waiting",
            "100", "messages waiting for a redelivery before the consumer stops receiving");
    public static final Setting<Duration> DOWNSTREAM_TIMEOUT = Setting.duration(PREFIX + "downstream-timeout", "5m",
            "longest call of the downstream route per payload; 0: no limit")
            .require(timeout -> !timeout.isNegative(), "must not be negative");
    public static final Setting<CleanupPolicy> CLEANUP_S3_EVENT = Setting.of(PREFIX + "cleanup.s3-event", "keep",
            CleanupPolicy::of, "an S3 event's object once delivered: keep or delete");
    public static final Setting<CleanupPolicy> CLEANUP_EXTENDED_POINTER = Setting.of(
            PREFIX + "cleanup.extended-pointer", "delete", CleanupPolicy::of,
            "a pointer's object once delivered: keep or delete");
    public static final Setting<Store> IDEMPOTENCY_STORE = Setting.of(PREFIX + "idempotency.store", null, Store::of,
            "where delivered keys are kept: memory, file or jdbc").byMode("file", "memory");
    public static final Setting<Integer> IDEMPOTENCY_SIZE = Setting.integer(PREFIX + "idempotency.size", "10000",
            "keys the memory and file stores remember");
    public static final Setting<String> IDEMPOTENCY_JDBC_URL = Setting.text(PREFIX + "idempotency.jdbc-url", null,
            "the jdbc store's database");
    public static final Setting<String> IDEMPOTENCY_JDBC_USER = Setting.text(PREFIX + "idempotency.jdbc-user", null,
            "its user");
    public static final Setting<String> IDEMPOTENCY_JDBC_PASSWORD = Setting.text(PREFIX + "idempotency.jdbc-password",
            null, "its password");
    public static final Setting<Integer> IDEMPOTENCY_JDBC_POOL_SIZE = Setting.integer(
            PREFIX + "idempotency.jdbc-pool-size", "10", "connections to it");
    // the claims are renewed every third of it: below 3 s a renewal would be due before the last one returned
    public static final Setting<Duration> IDEMPOTENCY_CLAIM_TIMEOUT = Setting.duration(
            PREFIX + "idempotency.claim-timeout", "60s", "after this long without renewal a claim may be taken over")
            .require(timeout -> timeout.toMillis() >= 3000, "must be at least 3s");
    public static final Setting<Duration> IDEMPOTENCY_RETENTION = Setting.duration(PREFIX + "idempotency.retention",
            "15d", "how long the jdbc store keeps a delivered key");
    public static final Setting<String> DOWNSTREAM_URI = Setting.text("chain.downstream.uri", "direct:downstream",
            "where payloads go");
    public static final Setting<String> ROUTES_DIR = Setting.text("chain.routes.dir", "routes",
            "folder of user routes");
    // in production a half-saved file would replace a route
    public static final Setting<Boolean> ROUTES_RELOAD = Setting.bool("chain.routes.reload", null,
            "a changed route file replaces its routes").byMode("true", "false");

    public static final SettingsGroup<ConsumerSettings> GROUP =
            SettingsGroup.of(ConsumerSettings.class, ConsumerSettings::read);

    /**
     * @param concurrency       payloads processed in parallel (workers fed by {@link #pollers()})
     * @param waitTimeSeconds   long-polling wait of each receive (0 to 20); a stop waits for the poll under way
     * @param visibilityTimeout seconds a received message stays hidden (renewed while processed); null: the queue's own
     * @param queues            the queues consumed, each by a route of its own under the same downstream
     */
    public record Polling(int concurrency, int waitTimeSeconds, Integer visibilityTimeout, List<String> queues) {

        /**
         * Receives in flight at once, of up to 10 messages each: one per 10 workers, so that waiting on SQS does not
         * starve them.
         */
        public int pollers() {
            return (concurrency + 9) / 10;
        }

    }

    /**
     * @param fetchPayload      false: the downstream gets headers and the presigned URL, no body
     * @param replayBuffer bytes of each payload kept as they are read, replayed to a second reader within the attempt
     * @param downloadUrlTtl    validity of the presigned GET handed downstream
     * @param cleanup           what becomes of delivered objects, per source
     * @param downstreamTimeout how long one call of the downstream route may take; null: no limit
     */
    public record Delivery(boolean fetchPayload, int replayBuffer, Duration downloadUrlTtl,
                           Map<PayloadSource, CleanupPolicy> cleanup, Duration downstreamTimeout) {
    }

    /**
     * @param maxAttempts  redelivery attempts after the first failure (0: straight to the dead-letter queue)
     * @param initialDelay milliseconds before the first redelivery
     * @param multiplier   factor between successive delays
     * @param maxDelay     upper bound of a delay in milliseconds
     * @param maxWaiting   messages that may wait for a redelivery before the consumer stops receiving more
     */
    public record Redelivery(int maxAttempts, long initialDelay, double multiplier, long maxDelay, int maxWaiting) {

        public Redelivery {
            if (maxWaiting < 1) {
                // the consumer would never receive again after the first failure
                throw new IllegalArgumentException(REDELIVERY_MAX_WAITING.name() + " must be at least 1, not "
                        + maxWaiting);
            }
        }
    }

    /** Where the idempotent repository keeps the keys of delivered payloads. */
    public enum Store {
        MEMORY, FILE, JDBC;

        static Store of(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be memory, file or jdbc, not " + value, e);
            }
        }
    }

    /**
     * @param store        memory and file are per instance; jdbc is shared by every instance on the queue
     * @param size         keys the memory and file stores remember
     * @param jdbc         the shared store's database; null unless the store is jdbc
     * @param claimTimeout how long the claim of an instance that stopped renewing it holds against other instances
     * @param retention    how long the shared store keeps a delivered key
     */
    public record Idempotency(Store store, int size, Jdbc jdbc, Duration claimTimeout, Duration retention) {
    }

    /** Connection of the shared store; the password never appears in {@link #toString()}. */
    public record Jdbc(String url, String user, String password, int poolSize) {

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "(secret)")
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * @param downstreamUri where payloads go
     * @param dir           folder of user routes (YAML and Java source)
     * @param reload        whether a changed route file replaces its routes while the app runs
     */
    public record Routes(String downstreamUri, Path dir, boolean reload) {
    }

    private static ConsumerSettings read(ConfigReader in) {
        Duration timeout = in.get(DOWNSTREAM_TIMEOUT);
        Redelivery redelivery = in.build(() -> new Redelivery(in.get(REDELIVERY_MAX_ATTEMPTS),
                in.get(REDELIVERY_INITIAL_DELAY).toMillis(), in.get(REDELIVERY_MULTIPLIER),
                in.get(REDELIVERY_MAX_DELAY).toMillis(), in.get(REDELIVERY_MAX_WAITING)),
                new Redelivery(0, 0, 1, 0, 1));
        return new ConsumerSettings(in.get(ENABLED),
                new Polling(in.get(ChainKeys.CONCURRENCY), in.get(WAIT_TIME_SECONDS), in.get(VISIBILITY_TIMEOUT),
                        queues(in)),
                new Delivery(in.get(FETCH_PAYLOAD), (int) Math.min(in.get(REPLAY_BUFFER), Integer.MAX_VALUE),
                        in.get(DOWNLOAD_URL_TTL),
                        Map.of(PayloadSource.S3_EVENT, in.get(CLEANUP_S3_EVENT), PayloadSource.EXTENDED_POINTER,
                                in.get(CLEANUP_EXTENDED_POINTER)),
                        timeout.isZero() ? null : timeout),
                redelivery, idempotency(in),
                new Routes(in.get(DOWNSTREAM_URI), Path.of(in.get(ROUTES_DIR)).toAbsolutePath().normalize(),
                        in.get(ROUTES_RELOAD)));
    }

    /** The queues named, or the notification queue (in local mode known once the template is provisioned). */
    private static List<String> queues(ConfigReader in) {
        List<String> named = in.get(QUEUES);
        String notification = in.resources().queue();
        in.check(named.stream().distinct().count() == named.size(), QUEUES.name() + " names a queue twice: " + named);
        return !named.isEmpty() ? List.copyOf(named) : notification == null ? List.of() : List.of(notification);
    }

    private static Idempotency idempotency(ConfigReader in) {
        Store store = in.get(IDEMPOTENCY_STORE);
        Jdbc jdbc = null;
        if (store == Store.JDBC) {
            in.check(in.get(IDEMPOTENCY_JDBC_URL) != null, IDEMPOTENCY_STORE.name() + "=jdbc needs "
                    + IDEMPOTENCY_JDBC_URL.name() + " (e.g. jdbc:postgresql://db:5432/chain)");
            int poolSize = in.get(IDEMPOTENCY_JDBC_POOL_SIZE);
            in.check(poolSize >= 1, IDEMPOTENCY_JDBC_POOL_SIZE.name() + " must be at least 1, not " + poolSize);
            jdbc = new Jdbc(in.get(IDEMPOTENCY_JDBC_URL), in.get(IDEMPOTENCY_JDBC_USER),
                    in.get(IDEMPOTENCY_JDBC_PASSWORD), poolSize);
        }
        Duration claimTimeout = in.get(IDEMPOTENCY_CLAIM_TIMEOUT);
        Duration retention = in.get(IDEMPOTENCY_RETENTION);
        in.check(retention.compareTo(claimTimeout) > 0, IDEMPOTENCY_RETENTION.name() + " must be longer than "
                + IDEMPOTENCY_CLAIM_TIMEOUT.name());
        return new Idempotency(store, in.get(IDEMPOTENCY_SIZE), jdbc, claimTimeout, retention);
    }
}
