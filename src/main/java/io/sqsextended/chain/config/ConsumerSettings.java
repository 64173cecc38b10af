package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.wire.PayloadSource;

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
                throw new IllegalArgumentException(ChainKeys.MAX_WAITING.name() + " must be at least 1, not " + maxWaiting);
            }
        }
    }

    /** The same settings with the buckets that events and pointers may name (by default the payload bucket). */
    public ConsumerSettings withAllowedBuckets(Set<String> buckets) {
        return new ConsumerSettings(enabled, concurrency, waitTimeSeconds, visibilityTimeout, buckets, pointerPrefixes, verifySnsSignatures,
                fetchPayload, downloadUrlTtl, cleanup, downstreamTimeout, redelivery, idempotencySize);
    }
}
