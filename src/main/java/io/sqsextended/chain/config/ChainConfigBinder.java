package io.sqsextended.chain.config;

import static io.sqsextended.chain.config.ChainKeys.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sqsextended.chain.config.ChainConfig.Mode;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.AwsSettings;
import io.sqsextended.chain.wire.PayloadSource;
import io.sqsextended.chain.wire.S3Limits;
import io.sqsextended.chain.wire.SqsLimits;

/** Builds the {@link ChainConfig} tree from raw values: every key parsed by its kind, every invariant checked, all errors at once. */
public final class ChainConfigBinder {

    private ChainConfigBinder() {
    }

    public static ChainConfig read(ConfigSource source) {
        ConfigReader in = new ConfigReader(source);
        Mode mode = mode(in);
        in.check(List.of("text", "json").contains(in.text(LOG_FORMAT)), LOG_FORMAT.name() + " must be text or json, not " + in.text(LOG_FORMAT));
        Resources resources = mode == Mode.LOCAL ? new Resources(null, null, null, null) : awsResources(in);
        PresignSettings presign = presign(in);
        ChainConfig config = new ChainConfig(mode, resources, aws(in), local(in), auth(in, mode), presign,
                consumer(in, presign.inputPrefix(), mode), producer(in), in.text(EXTENDED_QUEUE), in.text(DOWNSTREAM_URI),
                extensions(in, mode), publicAddress(in, PUBLIC_URL, true));
        in.failOnErrors();
        return config;
    }

    /** Route files are reloaded on change by default in local mode only: in production a half-saved file would replace a route. */
    private static ExtensionSettings extensions(ConfigReader in, Mode mode) {
        List<String> dependencies = in.list(PLUGINS_DEPENDENCIES);
        for (String coordinates : dependencies) {
            in.check(coordinates.split(":").length >= 3, PLUGINS_DEPENDENCIES.name() + " entries must be groupId:artifactId:version, not " + coordinates);
        }
        return new ExtensionSettings(Path.of(in.text(ROUTES_DIR)).toAbsolutePath().normalize(),
                in.isSet(ROUTES_RELOAD) ? in.bool(ROUTES_RELOAD) : mode == Mode.LOCAL,
                Path.of(in.text(PLUGINS_DIR)).toAbsolutePath().normalize(), dependencies, in.list(PLUGINS_REPOSITORIES));
    }

    private static Mode mode(ConfigReader in) {
        String mode = in.text(MODE);
        return switch (mode) {
            case "local" -> Mode.LOCAL;
            case "aws" -> Mode.AWS;
            default -> {
                in.check(false, MODE.name() + " must be local or aws, not " + mode);
                yield Mode.LOCAL;
            }
        };
    }

    private static Resources awsResources(ConfigReader in) {
        for (ConfigKey key : List.of(BUCKET, QUEUE, DEAD_LETTER_QUEUE)) {
            in.check(in.text(key) != null, "Missing setting " + key.name() + " (application.properties, -D" + key.name()
                    + "=... or the environment)");
        }
        return new Resources(in.text(BUCKET), in.text(QUEUE), in.text(DEAD_LETTER_QUEUE), null);
    }

    private static AwsSettings aws(ConfigReader in) {
        String common = in.text(AWS_ENDPOINT);
        return new AwsSettings(in.text(REGION), uri(in, AWS_S3_ENDPOINT, common), uri(in, AWS_SQS_ENDPOINT, common),
                in.text(AWS_ACCESS_KEY), in.text(AWS_SECRET_KEY), publicAddress(in, AWS_S3_PUBLIC_ENDPOINT, false));
    }

    private static URI uri(ConfigReader in, ConfigKey key, String fallback) {
        String value = in.isSet(key) ? in.text(key) : fallback;
        return value == null ? null : in.build(() -> URI.create(value), null);
    }

    private static LocalSettings local(ConfigReader in) {
        String prefix = LOCAL_PARAMETERS.name();
        Map<String, String> parameters = new TreeMap<>();
        in.source().keysStartingWith(prefix).forEach(key -> in.source().get(key)
                .ifPresent(value -> parameters.put(key.substring(prefix.length()), value)));
        return new LocalSettings(Path.of(in.text(LOCAL_DATA_DIR)).toAbsolutePath().normalize(), in.text(LOCAL_BIND_ADDRESS),
                port(in, LOCAL_S3_PORT), port(in, LOCAL_SQS_PORT), publicAddress(in, LOCAL_PUBLIC_ENDPOINT, false), in.text(LOCAL_ACCESS_KEY), in.text(LOCAL_SECRET_KEY),
                in.isSet(REGION) ? in.text(REGION) : LocalSettings.DEFAULT_REGION, in.text(LOCAL_TEMPLATE), in.text(LOCAL_STACK_NAME),
                parameters, in.size(LOCAL_STORAGE_RESERVE), in.latency(LOCAL_LATENCY), in.faults(LOCAL_FAULTS));
    }

    /** An address as clients reach a server (behind a proxy or a port mapping): http(s), a host, no query; a path only where {@code withPath}. */
    private static URI publicAddress(ConfigReader in, ConfigKey key, boolean withPath) {
        String value = in.text(key);
        if (value == null) {
            return null;
        }
        URI uri = in.build(() -> URI.create(value.replaceFirst("/+$", "")), null);
        if (uri == null) {
            return null;
        }
        boolean valid = uri.getHost() != null && List.of("http", "https").contains(uri.getScheme())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                && (withPath || uri.getRawPath().isEmpty());
        in.check(valid, key.name() + " must be an http(s) URL with a host" + (withPath ? "" : " and no path") + ", such as http://localhost:9000, not " + value);
        return valid ? uri : null;
    }

    private static int port(ConfigReader in, ConfigKey key) {
        int port = in.integer(key);
        in.check(port >= 0 && port <= 65_535, key.name() + " must be a port (0 to 65535), not " + port);
        return port;
    }

    /** aws mode starts only with tokens of its own, or with auth explicitly off. */
    private static AuthSettings auth(ConfigReader in, Mode mode) {
        AuthSettings auth = new AuthSettings(in.bool(AUTH_ENABLED), in.list(PRODUCER_TOKENS), in.list(CONSUMER_TOKENS), in.list(ADMIN_TOKENS));
        if (auth.enabled() && mode == Mode.AWS) {
            for (String role : List.of("producer", "consumer", "admin")) {
                in.check(auth.tokens(role).stream().noneMatch(AuthSettings.DEVELOPMENT_TOKENS::contains),
                        AuthSettings.key(role) + " holds a development token of local mode; aws mode needs tokens of its own");
            }
            in.check(!(auth.producerTokens().isEmpty() && auth.consumerTokens().isEmpty() && auth.adminTokens().isEmpty()),
                    "aws mode needs bearer tokens: set chain.auth.producer-tokens, chain.auth.consumer-tokens or chain.auth.admin-tokens "
                            + "(sha256:<hex> entries keep them out of the configuration), or chain.auth.enabled=false");
        }
        return auth;
    }

    private static PresignSettings presign(ConfigReader in) {
        String inputPrefix = in.text(INPUT_PREFIX) == null ? "" : in.text(INPUT_PREFIX);
        List<String> downloads = in.isSet(DOWNLOAD_PREFIXES) ? in.list(DOWNLOAD_PREFIXES) : List.of(inputPrefix);
        PresignSettings fallback = new PresignSettings(INPUT_PREFIX.defaultValue(), List.of(INPUT_PREFIX.defaultValue()),
                Duration.ofMinutes(15), S3Limits.GIB, S3Limits.GIB, S3Limits.MIN_PART_SIZE, List.of("*/*"));
        return in.build(() -> new PresignSettings(inputPrefix, downloads, in.duration(PRESIGN_TTL), in.size(UPLOAD_MAX_SIZE),
                in.size(UPLOAD_MULTIPART_THRESHOLD), in.size(UPLOAD_PART_SIZE), in.list(UPLOAD_CONTENT_TYPES)), fallback);
    }

    private static ConsumerSettings consumer(ConfigReader in, String inputPrefix, Mode mode) {
        Duration timeout = in.duration(DOWNSTREAM_TIMEOUT);
        in.check(!timeout.isNegative(), DOWNSTREAM_TIMEOUT.name() + " must not be negative, not " + timeout);
        int waitTime = in.integer(WAIT_TIME_SECONDS);
        in.check(waitTime >= 0 && waitTime <= 20, WAIT_TIME_SECONDS.name() + " must be between 0 and 20, not " + waitTime);
        int concurrency = in.integer(CONCURRENCY);
        long replay = in.size(REPLAY_BUFFER);
        // one array per payload
        in.check(replay < Integer.MAX_VALUE, REPLAY_BUFFER.name() + " must be below 2 GiB, not " + replay);
        int replayBuffer = (int) Math.min(replay, Integer.MAX_VALUE);
        in.check(concurrency >= 1, CONCURRENCY.name() + " must be at least 1, not " + concurrency);
        ConsumerSettings.Redelivery redelivery = in.build(() -> new ConsumerSettings.Redelivery(in.integer(MAX_ATTEMPTS),
                in.millis(INITIAL_DELAY).toMillis(), in.number(MULTIPLIER), in.millis(MAX_DELAY).toMillis(), in.integer(MAX_WAITING)),
                new ConsumerSettings.Redelivery(0, 0, 1, 0, 1));
        return new ConsumerSettings(in.bool(CONSUMER_ENABLED),
                new ConsumerSettings.Polling(concurrency, waitTime, in.integer(VISIBILITY_TIMEOUT)),
                new ConsumerSettings.Trust(new HashSet<>(in.list(ALLOWED_BUCKETS)), pointerGrants(in, inputPrefix), in.bool(VERIFY_SNS)),
                new ConsumerSettings.Delivery(in.bool(FETCH_PAYLOAD), replayBuffer, in.duration(DOWNLOAD_URL_TTL),
                        Map.of(PayloadSource.S3_EVENT, cleanup(in, CLEANUP_S3_EVENT), PayloadSource.EXTENDED_POINTER, cleanup(in, CLEANUP_POINTER)),
                        timeout.isZero() ? null : timeout),
                redelivery, idempotency(in, mode));
    }

    /** Local mode remembers delivered keys across restarts by default; aws mode in memory, unless told to share them. */
    private static ConsumerSettings.Idempotency idempotency(ConfigReader in, Mode mode) {
        String name = in.text(IDEMPOTENCY_STORE) == null ? (mode == Mode.LOCAL ? "file" : "memory") : in.text(IDEMPOTENCY_STORE);
        ConsumerSettings.Store store = switch (name) {
            case "memory" -> ConsumerSettings.Store.MEMORY;
            case "file" -> ConsumerSettings.Store.FILE;
            case "jdbc" -> ConsumerSettings.Store.JDBC;
            default -> {
                in.check(false, IDEMPOTENCY_STORE.name() + " must be memory, file or jdbc, not " + name);
                yield ConsumerSettings.Store.MEMORY;
            }
        };
        ConsumerSettings.Jdbc jdbc = null;
        if (store == ConsumerSettings.Store.JDBC) {
            in.check(in.text(IDEMPOTENCY_JDBC_URL) != null, IDEMPOTENCY_STORE.name() + "=jdbc needs " + IDEMPOTENCY_JDBC_URL.name()
                    + " (e.g. jdbc:postgresql://db:5432/chain)");
            int poolSize = in.integer(IDEMPOTENCY_JDBC_POOL_SIZE);
            in.check(poolSize >= 1, IDEMPOTENCY_JDBC_POOL_SIZE.name() + " must be at least 1, not " + poolSize);
            jdbc = new ConsumerSettings.Jdbc(in.text(IDEMPOTENCY_JDBC_URL), in.text(IDEMPOTENCY_JDBC_USER), in.text(IDEMPOTENCY_JDBC_PASSWORD), poolSize);
        }
        Duration claimTimeout = in.duration(IDEMPOTENCY_CLAIM_TIMEOUT);
        // the claims are renewed every third of it: below 3 s a renewal would be due before the last one returned
        in.check(claimTimeout.toMillis() >= 3000, IDEMPOTENCY_CLAIM_TIMEOUT.name() + " must be at least 3s, not " + claimTimeout);
        Duration retention = in.duration(IDEMPOTENCY_RETENTION);
        in.check(retention.compareTo(claimTimeout) > 0, IDEMPOTENCY_RETENTION.name() + " must be longer than " + IDEMPOTENCY_CLAIM_TIMEOUT.name());
        return new ConsumerSettings.Idempotency(store, in.integer(IDEMPOTENCY_SIZE), jdbc, claimTimeout, retention);
    }

    /** Where pointers may name objects; none may reach the input prefix (the upload bucket's is known here in aws mode only). */
    private static List<PointerGrant> pointerGrants(ConfigReader in, String inputPrefix) {
        String key = POINTER_PREFIXES.name();
        List<String> entries = in.isSet(POINTER_PREFIXES) ? in.list(POINTER_PREFIXES) : List.of(in.text(EXTENDED_KEY_PREFIX));
        List<PointerGrant> grants = new ArrayList<>();
        for (String entry : entries) {
            PointerGrant grant = PointerGrant.parse(entry);
            in.check(grant != null, key + " entries are key prefixes, s3://BUCKET/PREFIX or s3://BUCKET/, not " + entry);
            if (grant != null) {
                String overlap = grant.overlap(in.text(BUCKET), inputPrefix);
                in.check(overlap == null, overlap);
                grants.add(grant);
            }
        }
        in.check(!entries.isEmpty(), key + " must name at least one prefix");
        return grants;
    }

    private static CleanupPolicy cleanup(ConfigReader in, ConfigKey key) {
        return in.build(() -> CleanupPolicy.of(key.name(), in.text(key)), CleanupPolicy.KEEP);
    }

    private static ExtendedSettings producer(ConfigReader in) {
        long threshold = in.size(EXTENDED_THRESHOLD);
        long partSize = in.size(EXTENDED_PART_SIZE);
        in.check(partSize <= Integer.MAX_VALUE, EXTENDED_PART_SIZE.name() + " must be below 2 GiB (one part is held in memory)");
        in.check(threshold <= Integer.MAX_VALUE, EXTENDED_THRESHOLD.name() + " must be at most " + SqsLimits.MAX_MESSAGE_SIZE);
        return in.build(() -> new ExtendedSettings(in.text(EXTENDED_BUCKET), in.text(EXTENDED_KEY_PREFIX), (int) Math.min(threshold, Integer.MAX_VALUE),
                in.bool(ALWAYS_THROUGH_S3), in.bool(LEGACY_SIZE_ATTRIBUTE), in.text(SSE_KMS_KEY_ID), (int) Math.min(partSize, Integer.MAX_VALUE)),
                new ExtendedSettings(null, EXTENDED_KEY_PREFIX.defaultValue(), 0, false, false, null, (int) S3Limits.MIN_PART_SIZE));
    }
}
