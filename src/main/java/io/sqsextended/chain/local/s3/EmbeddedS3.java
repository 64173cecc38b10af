package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.local.faults.FaultInjection;
import io.sqsextended.chain.local.s3.store.BucketNotifier;
import io.sqsextended.chain.local.s3.store.ChecksumBlobStore;
import io.sqsextended.chain.local.s3.store.ConditionalBlobStore;
import io.sqsextended.chain.local.s3.store.DiskSpace;
import io.sqsextended.chain.local.s3.store.IncompleteUploads;
import io.sqsextended.chain.local.s3.store.MultipartChecksums;
import io.sqsextended.chain.local.s3.store.MultipartETags;
import io.sqsextended.chain.local.s3.store.NotifyingBlobStore;
import io.sqsextended.chain.local.s3.store.SpaceCheckingBlobStore;
import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.CorsRule;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in this JVM: SigV4 checked, objects streamed to files (never held in the heap), notifications emulated. */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    /** Past S3Proxy's idle timeout (30 s), an upload's temporary file that is not written to any more is abandoned. */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(15);

    private final S3Proxy proxy;
    private final BlobStoreContext storage;
    private final URI endpoint;
    private final ScheduledExecutorService sweeper;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext storage, URI endpoint, ScheduledExecutorService sweeper) {
        this.proxy = proxy;
        this.storage = storage;
        this.endpoint = endpoint;
        this.sweeper = sweeper;
    }

    /**
     * What the embedded S3 takes of local mode's settings.
     *
     * @param bindAddress    the address it listens on
     * @param publicHost     the host name clients reach it by
     * @param accessKey      the only credentials it accepts
     * @param secretKey      secret of {@code accessKey}
     * @param region         region of signatures and queue ARNs
     * @param accountId      account of queue ARNs and event identities
     * @param storageReserve bytes kept free on the data disk
     */
    public record Settings(String bindAddress, String publicHost, String accessKey, String secretKey, String region,
                           String accountId, long storageReserve) {
    }

    public static EmbeddedS3 start(Settings settings, int port, Path storageDir, Collection<BucketSpec> buckets,
                            BucketNotifier notifier, FaultInjection injection) throws Exception {
        Files.createDirectories(storageDir);
        // nothing is under way before the server starts: whatever a kill cut off goes aside now
        IncompleteUploads incomplete = new IncompleteUploads(storageDir);
        incomplete.moveAside(Duration.ZERO);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", storageDir.toString());
        // filesystem-nio2 streams objects; the transient store would keep them all in the heap
        BlobStoreContext storage = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("local", "local").overrides(properties)
                .build(BlobStoreContext.class);
        DiskSpace space = new DiskSpace(settings.storageReserve());
        // S3 checks the condition before it stores anything; the space check sits closest to the disk
        MultipartChecksums checksums = new MultipartChecksums(storageDir);
        BlobStore store = new NotifyingBlobStore(new ConditionalBlobStore(new MultipartETags(new ChecksumBlobStore(
                new SpaceCheckingBlobStore(storage.getBlobStore(), storageDir, space, incomplete), incomplete,
                        checksums),
                storageDir)), notifier);
        Map<String, List<CorsRule>> corsRules = new HashMap<>();
        for (BucketSpec bucket : buckets) {
            if (!store.containerExists(bucket.name())) {
                store.createContainerInLocation(null, bucket.name());
            }
            corsRules.put(bucket.name(), bucket.corsRules());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + settings.bindAddress() + ":" + port))
                // S3 still takes SigV2 query strings for existing buckets, and boto3 and the CLI presign with them
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
                // S3Proxy 2.7.0 refuses (501) the flexible checksum headers that ChecksumBlobStore honours
                .ignoreUnknownHeaders(true)
                .build();
        SignedUploads.install(proxy, settings.accessKey(), settings.secretKey());
        MultipartChecks.install(proxy, store, checksums, settings.accessKey(), settings.secretKey());
        S3Requests.install(proxy);
        NotificationConfigurations.install(proxy, notifier.notificationsByBucket(), settings);
        // an upload the disk cannot take is refused before its body is read
        UploadSpaceGuard.install(proxy, storageDir, space);
        // a browser's preflight is answered before any signature is looked for (it carries none)
        S3Cors.install(proxy, corsRules);
        // in front of all: a delay or a fault comes before anything else of the request is looked at
        S3FaultHandler.install(proxy, injection);
        proxy.start();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-s3-incomplete-uploads");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                incomplete.moveAside(ABANDONED_AFTER);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not look for incomplete uploads in {}: {}", storageDir, e.toString());
            }
        }, SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
        return new EmbeddedS3(proxy, storage, URI.create("http://" + settings.publicHost() + ":" + port), sweeper);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        sweeper.shutdownNow();
        try {
            proxy.stop();
        } finally {
            storage.close();
        }
    }
}
