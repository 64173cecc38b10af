package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.io.ContentMetadata;
import org.jclouds.io.Payload;

/**
 * The embedded S3's storage, refusing (503) what the data disk cannot take without eating into the reserve (the
 * exact length, and a multipart completion's copy of its parts), deleting the partial file of a write that
 * failed for lack of space, and moving aside that of a write cut off otherwise (S3 keeps nothing of either, and the
 * file would fail the listings of the upload's parts until the store is idle). The HTTP front
 * ({@code UploadSpaceGuard}) refuses most uploads earlier, before their body is read.
 */
public final class SpaceCheckingBlobStore extends ForwardingBlobStore {

    /** S3Proxy's filesystem store writes part n of an upload as {@code .mpus-<uploadId>-<key>-<n>}. */
    static final String PART_PREFIX = ".mpus-";
    /** Modification times may be coarser than the clock: a failed write's file may look this much older. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final Path storageDir;
    private final DiskSpace space;
    private final IncompleteUploads incomplete;

    public SpaceCheckingBlobStore(BlobStore delegate, Path storageDir, DiskSpace space, IncompleteUploads incomplete) {
        super(delegate);
        this.storageDir = storageDir;
        this.space = space;
        this.incomplete = incomplete;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return write(container, blob.getMetadata().getName(), length(blob.getMetadata().getContentMetadata()),
                () -> super.putBlob(container, blob));
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        return write(container, blob.getMetadata().getName(), length(blob.getMetadata().getContentMetadata()),
                () -> super.putBlob(container, blob, options));
    }

    @Override
    public MultipartPart uploadMultipartPart(MultipartUpload upload, int partNumber, Payload payload) {
        String part = PART_PREFIX + upload.id() + "-" + upload.blobName() + "-" + partNumber;
        return write(upload.containerName(), part, length(payload.getContentMetadata()),
                () -> super.uploadMultipartPart(upload, partNumber, payload));
    }

    /** Completion copies the parts into the object before deleting them: it needs their size once more. */
    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        long size = delegate().listMultipartUpload(upload).stream().mapToLong(MultipartPart::partSize).sum();
        return write(upload.containerName(), upload.blobName(), size,
                () -> super.completeMultipartUpload(upload, parts));
    }

    /**
     * Checks the exact length (the request's may be that of aws-chunked framing) and cleans up after a failed write.
     */
    private <T> T write(String container, String name, long bytes, Supplier<T> store) {
        Optional<String> shortage = space.shortage(storageDir, bytes);
        if (shortage.isPresent()) {
            throw unavailable("Not enough space on the data disk: " + shortage.get(), null);
        }
        Instant started = Instant.now().minus(CLOCK_SLACK);
        try {
            return store.get();
        } catch (RuntimeException e) {
            boolean full = space.isFull(storageDir);
            try {
                if (full) {
                    incomplete.deleteFailedWrite(container, name, started, "the data disk is full");
                } else if (!RejectedUpload.refuses(e)) {
                    // a refused body is ChecksumBlobStore's to delete; any other was cut off by its client
                    incomplete.moveAsideFailedWrite(container, name, started);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (full) {
                throw unavailable("The data disk filled up during the write", e);
            }
            throw e;
        }
    }

    private static long length(ContentMetadata metadata) {
        Long length = metadata == null ? null : metadata.getContentLength();
        return length == null ? 0 : length;
    }

    /** S3Proxy answers an HttpResponseException with its status (S3 itself would say SlowDown). */
    private static HttpResponseException unavailable(String message, Throwable cause) {
        return new HttpResponseException(message, null, HttpResponse.builder().statusCode(503).message("Slow Down")
                .build(), cause);
    }
}
