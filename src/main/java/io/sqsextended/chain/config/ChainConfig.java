package io.sqsextended.chain.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.AwsSettings;
import io.sqsextended.chain.wire.S3Limits;
import org.apache.camel.CamelContext;

/**
 * The whole configuration, read and checked once at start ({@link ChainConfigBinder}) and bound in the registry.
 * Keys that default to a resource (allowed buckets, the producer's bucket and queue) take it here.
 *
 * @param mode          local (embedded stack) or aws
 * @param resources     bucket and queues; in local mode unknown (null) until the embedded stack is provisioned
 * @param aws           where the AWS clients point in aws mode
 * @param local         the embedded stack of local mode
 * @param auth          bearer tokens of the presign API
 * @param presign       presign API limits
 * @param consumer      the consumer chain
 * @param producer      the extended producer
 * @param producerQueue queue the producer publishes to
 * @param downstreamUri where payloads go
 * @param extensions    what users add without a rebuild: route files, plugin jars
 * @param publicUrl     the API as clients reach it, or null: the address it listens on
 */
public record ChainConfig(Mode mode, Resources resources, AwsSettings aws, LocalSettings local, AuthSettings auth,
                          PresignSettings presign, ConsumerSettings consumer, ExtendedSettings producer, String producerQueue,
                          String downstreamUri, ExtensionSettings extensions, URI publicUrl) {

    public enum Mode { LOCAL, AWS }

    static final String BEAN = "chainConfig";

    public ChainConfig {
        if (resources.bucket() != null) {
            consumer = consumer.trust().allowedBuckets().isEmpty() ? consumer.withAllowedBuckets(Set.of(resources.bucket())) : consumer;
            producer = producer.bucket() == null ? producer.withBucket(resources.bucket()) : producer;
        }
        producerQueue = producerQueue == null ? resources.queue() : producerQueue;
    }

    /** The configuration bound at start, read now if no configuration has needed it yet. */
    public static ChainConfig of(CamelContext context) {
        synchronized (context) {
            ChainConfig config = context.getRegistry().lookupByNameAndType(BEAN, ChainConfig.class);
            if (config == null) {
                config = ChainConfigBinder.read(ConfigSource.of(context));
                context.getRegistry().bind(BEAN, config);
            }
            return config;
        }
    }

    public boolean isLocal() {
        return mode == Mode.LOCAL;
    }

    /** Longest key segment the object store keeps: local mode keeps objects in files, a segment is a file name. */
    public int maxKeySegmentBytes() {
        return isLocal() ? LocalSettings.MAX_KEY_SEGMENT_BYTES : S3Limits.MAX_KEY_BYTES;
    }

    /** Where the file store of delivered keys lives (chain.consumer.idempotency.store=file, local mode's default). */
    public Path deliveredKeysFile() {
        return local.dataDir().resolve("consumer").resolve("delivered.keys");
    }

    /** Local mode's bucket is the template's, known only now: a pointer grant of it may not reach the input prefix either. */
    ChainConfig withResources(Resources provisioned) {
        for (PointerGrant grant : consumer.trust().pointerGrants()) {
            String overlap = grant.overlap(provisioned.bucket(), presign.inputPrefix());
            if (overlap != null) {
                throw new StartRefusedException("Cannot start: " + overlap);
            }
        }
        return new ChainConfig(mode, provisioned, aws, local, auth, presign, consumer, producer, producerQueue, downstreamUri, extensions, publicUrl);
    }
}
