package io.sqsextended.chain.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy in this JVM: SigV4 checked, objects streamed to files (never held in the heap), notifications emulated. */
final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext storage;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext storage, URI endpoint) {
        this.proxy = proxy;
        this.storage = storage;
        this.endpoint = endpoint;
    }

    static EmbeddedS3 start(LocalSettings settings, int port, Path storageDir, Collection<String> buckets,
                            BucketNotifier notifier) throws Exception {
        Files.createDirectories(storageDir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", storageDir.toString());
        // filesystem-nio2 streams objects; the transient store would keep them all in the heap
        BlobStoreContext storage = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("local", "local").overrides(properties)
                .build(BlobStoreContext.class);
        BlobStore store = new NotifyingBlobStore(storage.getBlobStore(), notifier);
        for (String bucket : buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainerInLocation(null, bucket);
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + settings.bindAddress() + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, settings.accessKey(), settings.secretKey())
                .build();
        proxy.start();
        return new EmbeddedS3(proxy, storage, URI.create("http://" + settings.publicHost() + ":" + port));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            storage.close();
        }
    }
}
