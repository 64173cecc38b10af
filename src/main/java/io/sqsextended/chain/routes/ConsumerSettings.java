package io.sqsextended.chain.routes;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.sqsextended.chain.config.ChainProperties;
import io.sqsextended.chain.events.PayloadSource;
import io.sqsextended.chain.payload.CleanupPolicy;
import org.apache.camel.CamelContext;

/**
 * Settings of the consumer chain ({@code chain.consumer.*}).
 *
 * @param enabled           whether the queue consumer starts with the app
 * @param concurrency       payloads processed in parallel (workers fed by one poller)
 * @param waitTimeSeconds   long-polling wait of each receive (0 to 20); a stop waits for the poll under way
 * @param visibilityTimeout seconds a received message stays hidden (renewed while processed); null: the queue's own
 * @param allowedBuckets    buckets that events and pointers may name
 * @param pointerPrefixes   key prefixes extended-client pointers may name (never the input prefix producers upload to)
 * @param verifySnsSignatures whether SNS envelopes must carry a valid SNS signature
 * @param fetchPayload      false: the downstream gets headers and the presigned URL, no body
 * @param downloadUrlTtl    validity of the presigned GET handed downstream
 * @param cleanup           what becomes of delivered objects, per source
 * @param downstreamTimeout how long one call of the downstream route may take; null: no limit
 * @param redelivery        redelivery before the dead-letter queue
 * @param idempotencySize   keys the default idempotent repository remembers
 */
public record ConsumerSettings(boolean enabled, int concurrency, int waitTimeSeconds, Integer visibilityTimeout, Set<String> allowedBuckets,
                               List<String> pointerPrefixes, boolean verifySnsSignatures, boolean fetchPayload, Duration downloadUrlTtl,
                               Map<PayloadSource, CleanupPolicy> cleanup, Duration downstreamTimeout, Redelivery redelivery, int idempotencySize) {

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
                throw new IllegalArgumentException("chain.consumer.redelivery.max-waiting must be at least 1, not " + maxWaiting);
            }
        }
    }

    public static ConsumerSettings from(CamelContext context) {
        return new ConsumerSettings(
                bool(context, "chain.consumer.enabled", true),
                ChainProperties.getInt(context, "chain.consumer.concurrency", 2),
                ChainProperties.getInt(context, "chain.consumer.wait-time-seconds", 20),
                ChainProperties.get(context, "chain.consumer.visibility-timeout").map(Integer::valueOf).orElse(null),
                ChainProperties.get(context, "chain.consumer.allowed-buckets")
                        .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(b -> !b.isEmpty()).collect(Collectors.toSet()))
                        .orElseGet(() -> Set.of(ChainProperties.require(context, "chain.bucket"))),
                pointerPrefixes(context),
                strictBool(context, "chain.consumer.sns.verify-signatures", false),
                bool(context, "chain.consumer.fetch-payload", true),
                ChainProperties.get(context, "chain.consumer.download-url-ttl").map(Duration::parse).orElse(Duration.ofHours(1)),
                Map.of(PayloadSource.S3_EVENT, cleanup(context, "chain.consumer.cleanup.s3-event", "keep"),
                        PayloadSource.EXTENDED_POINTER, cleanup(context, "chain.consumer.cleanup.extended-pointer", "delete")),
                downstreamTimeout(context),
                new Redelivery(
                        ChainProperties.getInt(context, "chain.consumer.redelivery.max-attempts", 3),
                        ChainProperties.get(context, "chain.consumer.redelivery.initial-delay").map(Long::parseLong).orElse(1000L),
                        ChainProperties.get(context, "chain.consumer.redelivery.multiplier").map(Double::parseDouble).orElse(2.0),
                        ChainProperties.get(context, "chain.consumer.redelivery.max-delay").map(Long::parseLong).orElse(60_000L),
                        ChainProperties.getInt(context, "chain.consumer.redelivery.max-waiting", 100)),
                ChainProperties.getInt(context, "chain.consumer.idempotency.size", 10_000));
    }

    /**
     * A pointer's object is deleted once delivered: a prefix that reaches into the input prefix would let whoever
     * writes a pointer delete a producer's upload, so it stops the start.
     */
    private static List<String> pointerPrefixes(CamelContext context) {
        String key = "chain.consumer.pointer-prefixes";
        List<String> prefixes = ChainProperties.get(context, key)
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList())
                .orElseGet(() -> List.of(ChainProperties.get(context, "chain.extended.key-prefix").orElse("offload/")));
        String inputPrefix = ChainProperties.get(context, "chain.input-prefix").orElse("input/");
        for (String prefix : prefixes) {
            if (prefix.startsWith(inputPrefix) || inputPrefix.startsWith(prefix)) {
                throw new IllegalArgumentException(key + " must not overlap chain.input-prefix (" + inputPrefix + "): " + prefix
                        + " would let a pointer name, and the cleanup delete, a producer's upload");
            }
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException(key + " must name at least one prefix");
        }
        return prefixes;
    }

    /** A security switch: a typo must not silently mean false. */
    private static boolean strictBool(CamelContext context, String key, boolean defaultValue) {
        return ChainProperties.get(context, key).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + value);
        }).orElse(defaultValue);
    }

    /** {@code 0} switches the limit off (a downstream that may legitimately run for hours); unset is 5 minutes. */
    private static Duration downstreamTimeout(CamelContext context) {
        String key = "chain.consumer.downstream-timeout";
        Duration timeout = ChainProperties.get(context, key).map(value -> "0".equals(value) ? Duration.ZERO : ChainProperties.duration(key, value))
                .orElse(Duration.ofMinutes(5));
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, not " + timeout);
        }
        return timeout.isZero() ? null : timeout;
    }

    private static boolean bool(CamelContext context, String key, boolean defaultValue) {
        return ChainProperties.get(context, key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    private static CleanupPolicy cleanup(CamelContext context, String key, String defaultValue) {
        return CleanupPolicy.of(key, ChainProperties.get(context, key).orElse(defaultValue));
    }
}
