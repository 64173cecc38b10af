package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.wire.PayloadSource;

/**
 * Settings of the consumer chain ({@code chain.consumer.*}), grouped by the part of the chain that takes them.
 *
 * @param enabled         whether the queue consumer starts with the app
 * @param polling         how the queue is received
 * @param trust           what messages may name
 * @param delivery        what the downstream route gets, and for how long
 * @param redelivery      redelivery before the dead-letter queue
 * @param idempotency     where delivered keys are kept
 */
public record ConsumerSettings(boolean enabled, Polling polling, Trust trust, Delivery delivery, Redelivery redelivery,
                               Idempotency idempotency) {

    /**
     * @param concurrency       payloads processed in parallel (workers fed by {@link #pollers()})
     * @param waitTimeSeconds   long-polling wait of each receive (0 to 20); a stop waits for the poll under way
     * @param visibilityTimeout seconds a received message stays hidden (renewed while processed); null: the queue's own
     */
    public record Polling(int concurrency, int waitTimeSeconds, Integer visibilityTimeout) {

        /** Receives in flight at once, of up to 10 messages each: one per 10 workers, so that waiting on SQS does not starve them. */
        public int pollers() {
            return (concurrency + 9) / 10;
        }

        /** HTTP connections of each S3 and SQS client: a GET per worker and the calls left behind at their timeout. */
        public int connections() {
            return Math.max(64, 2 * concurrency);
        }
    }

    /**
     * @param allowedBuckets      buckets that events and pointers may name
     * @param pointerGrants       where extended-client pointers may name objects (never the input prefix producers upload to)
     * @param verifySnsSignatures whether SNS envelopes must carry a valid SNS signature
     */
    public record Trust(Set<String> allowedBuckets, List<PointerGrant> pointerGrants, boolean verifySnsSignatures) {
    }

    /**
     * @param fetchPayload      false: the downstream gets headers and the presigned URL, no body
     * @param replayBuffer      bytes of each payload kept as they are read, replayed to a second reader within the attempt
     * @param downloadUrlTtl    validity of the presigned GET handed downstream
     * @param cleanup           what becomes of delivered objects, per source
     * @param downstreamTimeout how long one call of the downstream route may take; null: no limit
     */
    public record Delivery(boolean fetchPayload, int replayBuffer, Duration downloadUrlTtl, Map<PayloadSource, CleanupPolicy> cleanup,
                           Duration downstreamTimeout) {
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
                throw new IllegalArgumentException(ChainKeys.MAX_WAITING.name() + " must be at least 1, not " + maxWaiting);
            }
        }
    }

    /** Where the idempotent repository keeps the keys of delivered payloads. */
    public enum Store { MEMORY, FILE, JDBC }

    /**
     * @param store        memory and file are per instance; jdbc is shared by every instance on the queue
     * @param size         keys the memory and file stores remember
     * @param jdbc         the shared store's database; null unless the store is jdbc
     * @param claimTimeout how long a claim of an instance that stopped renewing it holds before another instance may take the payload
     * @param retention    how long the shared store keeps a delivered key
     */
    public record Idempotency(Store store, int size, Jdbc jdbc, Duration claimTimeout, Duration retention) {
    }

    /** Connection of the shared store; the password never appears in {@link #toString()}. */
    public record Jdbc(String url, String user, String password, int poolSize) {

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "(secret)") + ", poolSize=" + poolSize + "]";
        }
    }

    /** The same settings with the buckets that events and pointers may name (by default the payload bucket). */
    public ConsumerSettings withAllowedBuckets(Set<String> buckets) {
        return new ConsumerSettings(enabled, polling, new Trust(buckets, trust.pointerGrants(), trust.verifySnsSignatures()),
                delivery, redelivery, idempotency);
    }
}
