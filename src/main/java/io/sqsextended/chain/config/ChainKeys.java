package io.sqsextended.chain.config;

import java.util.List;

import io.sqsextended.chain.config.ConfigKey.Kind;

/** Every {@code chain.*} key with its kind and default: the one place defaults are stated. */
public final class ChainKeys {

    public static final ConfigKey MODE = key("chain.mode", Kind.TEXT, "local");
    public static final ConfigKey REGION = key("chain.region", Kind.TEXT, null);
    public static final ConfigKey BUCKET = key("chain.bucket", Kind.TEXT, null);
    public static final ConfigKey QUEUE = key("chain.queue", Kind.TEXT, null);
    public static final ConfigKey DEAD_LETTER_QUEUE = key("chain.dead-letter-queue", Kind.TEXT, null);
    public static final ConfigKey INPUT_PREFIX = key("chain.input-prefix", Kind.TEXT, "input/");
    public static final ConfigKey PUBLIC_URL = key("chain.public-url", Kind.TEXT, null);

    public static final ConfigKey AUTH_ENABLED = key("chain.auth.enabled", Kind.BOOLEAN, "true");
    public static final ConfigKey PRODUCER_TOKENS = key("chain.auth.producer-tokens", Kind.LIST, "");
    public static final ConfigKey CONSUMER_TOKENS = key("chain.auth.consumer-tokens", Kind.LIST, "");
    public static final ConfigKey ADMIN_TOKENS = key("chain.auth.admin-tokens", Kind.LIST, "");

    public static final ConfigKey PRESIGN_TTL = key("chain.presign.ttl", Kind.DURATION, "15m");
    public static final ConfigKey UPLOAD_MAX_SIZE = key("chain.upload.max-size", Kind.SIZE, "5GiB");
    public static final ConfigKey UPLOAD_MULTIPART_THRESHOLD = key("chain.upload.multipart-threshold", Kind.SIZE, "100MiB");
    public static final ConfigKey UPLOAD_PART_SIZE = key("chain.upload.part-size", Kind.SIZE, "16MiB");
    // active content (text/html, image/svg+xml) left out: it would be served from the bucket
    public static final ConfigKey UPLOAD_CONTENT_TYPES = key("chain.upload.allowed-content-types", Kind.LIST,
            "application/octet-stream,application/json,application/xml,text/plain,text/csv,application/gzip,application/zip,"
                    + "application/pdf,image/png,image/jpeg,image/gif,image/webp");
    public static final ConfigKey DOWNLOAD_PREFIXES = key("chain.download.allowed-prefixes", Kind.LIST, null);

    public static final ConfigKey CONSUMER_ENABLED = key("chain.consumer.enabled", Kind.BOOLEAN, "true");
    public static final ConfigKey CONCURRENCY = key("chain.consumer.concurrency", Kind.INTEGER, "64");
    public static final ConfigKey WAIT_TIME_SECONDS = key("chain.consumer.wait-time-seconds", Kind.INTEGER, "20");
    public static final ConfigKey VISIBILITY_TIMEOUT = key("chain.consumer.visibility-timeout", Kind.INTEGER, null);
    public static final ConfigKey ALLOWED_BUCKETS = key("chain.consumer.allowed-buckets", Kind.LIST, null);
    public static final ConfigKey POINTER_PREFIXES = key("chain.consumer.pointer-prefixes", Kind.LIST, null);
    public static final ConfigKey VERIFY_SNS = key("chain.consumer.sns.verify-signatures", Kind.BOOLEAN, "false");
    public static final ConfigKey FETCH_PAYLOAD = key("chain.consumer.fetch-payload", Kind.BOOLEAN, "true");
    public static final ConfigKey REPLAY_BUFFER = key("chain.consumer.replay-buffer", Kind.SIZE, "1MiB");
    public static final ConfigKey DOWNLOAD_URL_TTL = key("chain.consumer.download-url-ttl", Kind.DURATION, "PT1H");
    public static final ConfigKey MAX_ATTEMPTS = key("chain.consumer.redelivery.max-attempts", Kind.INTEGER, "3");
    public static final ConfigKey INITIAL_DELAY = key("chain.consumer.redelivery.initial-delay", Kind.MILLIS, "1000");
    public static final ConfigKey MULTIPLIER = key("chain.consumer.redelivery.multiplier", Kind.NUMBER, "2");
    public static final ConfigKey MAX_DELAY = key("chain.consumer.redelivery.max-delay", Kind.MILLIS, "60000");
    public static final ConfigKey MAX_WAITING = key("chain.consumer.redelivery.max-waiting", Kind.INTEGER, "100");
    public static final ConfigKey DOWNSTREAM_TIMEOUT = key("chain.consumer.downstream-timeout", Kind.DURATION, "5m");
    public static final ConfigKey CLEANUP_S3_EVENT = key("chain.consumer.cleanup.s3-event", Kind.TEXT, "keep");
    public static final ConfigKey CLEANUP_POINTER = key("chain.consumer.cleanup.extended-pointer", Kind.TEXT, "delete");
    public static final ConfigKey IDEMPOTENCY_STORE = key("chain.consumer.idempotency.store", Kind.TEXT, null);
    public static final ConfigKey IDEMPOTENCY_SIZE = key("chain.consumer.idempotency.size", Kind.INTEGER, "10000");
    public static final ConfigKey IDEMPOTENCY_JDBC_URL = key("chain.consumer.idempotency.jdbc-url", Kind.TEXT, null);
    public static final ConfigKey IDEMPOTENCY_JDBC_USER = key("chain.consumer.idempotency.jdbc-user", Kind.TEXT, null);
    public static final ConfigKey IDEMPOTENCY_JDBC_PASSWORD = key("chain.consumer.idempotency.jdbc-password", Kind.TEXT, null);
    public static final ConfigKey IDEMPOTENCY_JDBC_POOL_SIZE = key("chain.consumer.idempotency.jdbc-pool-size", Kind.INTEGER, "10");
    public static final ConfigKey IDEMPOTENCY_CLAIM_TIMEOUT = key("chain.consumer.idempotency.claim-timeout", Kind.DURATION, "60s");
    public static final ConfigKey IDEMPOTENCY_RETENTION = key("chain.consumer.idempotency.retention", Kind.DURATION, "15d");
    public static final ConfigKey DOWNSTREAM_URI = key("chain.downstream.uri", Kind.TEXT, "direct:downstream");
    public static final ConfigKey ROUTES_DIR = key("chain.routes.dir", Kind.TEXT, "routes");
    public static final ConfigKey ROUTES_RELOAD = key("chain.routes.reload", Kind.BOOLEAN, null);
    public static final ConfigKey PLUGINS_DIR = key("chain.plugins.dir", Kind.TEXT, "plugins");
    public static final ConfigKey PLUGINS_DEPENDENCIES = key("chain.plugins.dependencies", Kind.LIST, "");
    public static final ConfigKey PLUGINS_REPOSITORIES = key("chain.plugins.repositories", Kind.LIST, "");

    public static final ConfigKey EXTENDED_QUEUE = key("chain.extended.queue", Kind.TEXT, null);
    public static final ConfigKey EXTENDED_BUCKET = key("chain.extended.bucket", Kind.TEXT, null);
    public static final ConfigKey EXTENDED_KEY_PREFIX = key("chain.extended.key-prefix", Kind.TEXT, "offload/");
    public static final ConfigKey EXTENDED_THRESHOLD = key("chain.extended.threshold", Kind.SIZE, "262144");
    public static final ConfigKey ALWAYS_THROUGH_S3 = key("chain.extended.always-through-s3", Kind.BOOLEAN, "false");
    public static final ConfigKey LEGACY_SIZE_ATTRIBUTE = key("chain.extended.legacy-size-attribute", Kind.BOOLEAN, "false");
    public static final ConfigKey SSE_KMS_KEY_ID = key("chain.extended.sse-kms-key-id", Kind.TEXT, null);
    public static final ConfigKey EXTENDED_PART_SIZE = key("chain.extended.part-size", Kind.SIZE, "8388608");

    // read by log4j2.properties before Camel starts; checked here so that a typo is reported with the rest
    public static final ConfigKey LOG_FORMAT = key("chain.log.format", Kind.TEXT, "text");

    public static final ConfigKey AWS_ENDPOINT = key("chain.aws.endpoint-override", Kind.TEXT, null);
    public static final ConfigKey AWS_S3_ENDPOINT = key("chain.aws.s3-endpoint-override", Kind.TEXT, null);
    public static final ConfigKey AWS_SQS_ENDPOINT = key("chain.aws.sqs-endpoint-override", Kind.TEXT, null);
    public static final ConfigKey AWS_S3_PUBLIC_ENDPOINT = key("chain.aws.s3-public-endpoint", Kind.TEXT, null);
    public static final ConfigKey AWS_ACCESS_KEY = key("chain.aws.access-key", Kind.TEXT, null);
    public static final ConfigKey AWS_SECRET_KEY = key("chain.aws.secret-key", Kind.TEXT, null);

    public static final ConfigKey LOCAL_DATA_DIR = key("chain.local.data-dir", Kind.TEXT, "data");
    public static final ConfigKey LOCAL_BIND_ADDRESS = key("chain.local.bind-address", Kind.TEXT, "127.0.0.1");
    public static final ConfigKey LOCAL_S3_PORT = key("chain.local.s3-port", Kind.INTEGER, "9000");
    public static final ConfigKey LOCAL_SQS_PORT = key("chain.local.sqs-port", Kind.INTEGER, "9324");
    public static final ConfigKey LOCAL_PUBLIC_ENDPOINT = key("chain.local.public-endpoint", Kind.TEXT, null);
    public static final ConfigKey LOCAL_ACCESS_KEY = key("chain.local.access-key", Kind.TEXT, "local-access-key");
    public static final ConfigKey LOCAL_SECRET_KEY = key("chain.local.secret-key", Kind.TEXT, "local-secret-key");
    public static final ConfigKey LOCAL_TEMPLATE = key("chain.local.template", Kind.TEXT, "classpath:cloudformation/sqs-extended-chain.yaml");
    public static final ConfigKey LOCAL_STACK_NAME = key("chain.local.stack-name", Kind.TEXT, "sqs-extended-chain");
    public static final ConfigKey LOCAL_PARAMETERS = key("chain.local.parameter.", Kind.FAMILY, null);
    public static final ConfigKey LOCAL_STORAGE_RESERVE = key("chain.local.storage-reserve", Kind.SIZE, "64MiB");
    public static final ConfigKey LOCAL_LATENCY = key("chain.local.latency", Kind.LATENCY, "none");
    public static final ConfigKey LOCAL_FAULTS = key("chain.local.faults", Kind.FAULTS, "none");

    /** All of them, in the order of the README's configuration table. */
    public static final List<ConfigKey> ALL = List.of(MODE, REGION, BUCKET, QUEUE, DEAD_LETTER_QUEUE, INPUT_PREFIX, PUBLIC_URL,
            PRODUCER_TOKENS, CONSUMER_TOKENS, ADMIN_TOKENS, AUTH_ENABLED, PRESIGN_TTL, UPLOAD_MAX_SIZE, UPLOAD_MULTIPART_THRESHOLD,
            UPLOAD_PART_SIZE, UPLOAD_CONTENT_TYPES, DOWNLOAD_PREFIXES, CONSUMER_ENABLED, CONCURRENCY, WAIT_TIME_SECONDS,
            VISIBILITY_TIMEOUT, ALLOWED_BUCKETS, POINTER_PREFIXES, VERIFY_SNS, FETCH_PAYLOAD, REPLAY_BUFFER, DOWNLOAD_URL_TTL, MAX_ATTEMPTS,
            INITIAL_DELAY, MULTIPLIER, MAX_DELAY, MAX_WAITING, DOWNSTREAM_TIMEOUT, CLEANUP_S3_EVENT, CLEANUP_POINTER,
            IDEMPOTENCY_STORE, IDEMPOTENCY_SIZE, IDEMPOTENCY_JDBC_URL, IDEMPOTENCY_JDBC_USER, IDEMPOTENCY_JDBC_PASSWORD,
            IDEMPOTENCY_JDBC_POOL_SIZE, IDEMPOTENCY_CLAIM_TIMEOUT, IDEMPOTENCY_RETENTION, DOWNSTREAM_URI, ROUTES_DIR, ROUTES_RELOAD,
            PLUGINS_DIR, PLUGINS_DEPENDENCIES, PLUGINS_REPOSITORIES, EXTENDED_QUEUE, EXTENDED_BUCKET, EXTENDED_KEY_PREFIX,
            EXTENDED_THRESHOLD, ALWAYS_THROUGH_S3, LEGACY_SIZE_ATTRIBUTE, SSE_KMS_KEY_ID, EXTENDED_PART_SIZE, LOG_FORMAT,
            AWS_ENDPOINT, AWS_S3_ENDPOINT, AWS_SQS_ENDPOINT, AWS_S3_PUBLIC_ENDPOINT, AWS_ACCESS_KEY, AWS_SECRET_KEY, LOCAL_DATA_DIR, LOCAL_BIND_ADDRESS,
            LOCAL_S3_PORT, LOCAL_SQS_PORT, LOCAL_PUBLIC_ENDPOINT, LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY, LOCAL_TEMPLATE, LOCAL_STACK_NAME, LOCAL_PARAMETERS,
            LOCAL_STORAGE_RESERVE, LOCAL_LATENCY, LOCAL_FAULTS);

    private ChainKeys() {
    }

    private static ConfigKey key(String name, Kind kind, String defaultValue) {
        return new ConfigKey(name, kind, defaultValue);
    }
}
