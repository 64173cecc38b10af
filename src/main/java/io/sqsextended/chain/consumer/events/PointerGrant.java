package io.sqsextended.chain.consumer.events;

import java.util.Set;

import io.sqsextended.chain.config.ChainKeys;

/**
 * One entry of {@link TrustSettings#POINTER_PREFIXES}: where extended-client pointers may name objects.
 * A bare key prefix holds in every allowed bucket; {@code s3://BUCKET/PREFIX} in that bucket only, which it allows for
 * pointers by itself; {@code s3://BUCKET/} is that bucket's whole key space (a bucket kept for offloaded payloads).
 *
 * @param bucket the one bucket, or null: any of {@link TrustSettings#ALLOWED_BUCKETS}
 * @param prefix the key prefix, empty for a bucket's whole key space
 */
public record PointerGrant(String bucket, String prefix) {

    private static final String SCHEME = "s3://";

    /** The entry's form in the configuration, or null when it is neither a key prefix nor an s3:// URL of a bucket. */
    static PointerGrant parse(String entry) {
        if (!entry.startsWith(SCHEME)) {
            return new PointerGrant(null, entry);
        }
        int slash = entry.indexOf('/', SCHEME.length());
        return slash <= SCHEME.length() ? null
                : new PointerGrant(entry.substring(SCHEME.length(), slash), entry.substring(slash + 1));
    }

    /** Whether a pointer to this object is honoured. */
    public boolean covers(String objectBucket, String key, Set<String> allowedBuckets) {
        return (bucket == null ? allowedBuckets.contains(objectBucket) : bucket.equals(objectBucket))
                && key.startsWith(prefix);
    }

    /**
     * Why the start is refused when it reaches keys under the input prefix of the upload bucket (a delivered
     * pointer's object is deleted: whoever writes a pointer could delete a producer's upload); null when it does not.
     */
    String overlap(String uploadBucket, String inputPrefix) {
        boolean reaches = (bucket == null || bucket.equals(uploadBucket))
                && (prefix.startsWith(inputPrefix) || inputPrefix.startsWith(prefix));
        return reaches ? TrustSettings.POINTER_PREFIXES.name() + " must not overlap " + ChainKeys.INPUT_PREFIX.name()
                + " (" + inputPrefix + (bucket == null ? "" : " of the upload bucket " + bucket) + "): " + this
                + " would let a pointer name, and the cleanup delete, a producer's upload" : null;
    }

    @Override
    public String toString() {
        return bucket == null ? prefix : SCHEME + bucket + "/" + prefix;
    }
}
