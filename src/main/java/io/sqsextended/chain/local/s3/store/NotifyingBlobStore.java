package io.sqsextended.chain.local.s3.store;

import java.util.List;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/** The embedded S3's storage, reporting every completed object creation as S3 would to its notifications. */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    private final BucketNotifier notifier;

    public NotifyingBlobStore(BlobStore delegate, BucketNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    /** S3Proxy stores browser-form (POST) uploads through this variant, and PUTs through the other. */
    @Override
    public String putBlob(String container, Blob blob) {
        String eTag = super.putBlob(container, blob);
        created(container, blob.getMetadata().getName(), "Post");
        return eTag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        created(container, blob.getMetadata().getName(), "Put");
        return eTag;
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
            CopyOptions options) {
        String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        created(toContainer, toName, "Copy");
        return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        created(upload.containerName(), upload.blobName(), "CompleteMultipartUpload");
        return eTag;
    }

    private void created(String bucket, String key, String operation) {
        if (notifier.wants(bucket, "ObjectCreated:" + operation, key)) {
            notifier.objectCreated(bucket, operation, delegate().blobMetadata(bucket, key));
        }
    }
}
