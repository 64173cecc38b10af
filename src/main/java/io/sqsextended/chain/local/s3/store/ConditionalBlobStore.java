package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.KeyNotFoundException;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

/**
 * What S3 refuses and S3Proxy 2.7.0's filesystem store does not: a PUT or a multipart completion with
 * {@code If-None-Match: *} over an existing key (412 PreconditionFailed, nothing stored), and the use of a multipart
 * upload under another key than its own (404; an abort then aborts nothing). Writes of one key are serialized, so that
 * of two conditional writes exactly one stores its object, as on S3; a refused PUT is read whole before it is answered.
 */
public final class ConditionalBlobStore extends ForwardingBlobStore {

    // the blob by which S3Proxy's filesystem store knows a multipart upload (uploadId, key)
    static final String UPLOAD_STUB = ".mpus-%s-%s-stub";

    private final KeyLocks locks = new KeyLocks();

    public ConditionalBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String key = blob.getMetadata().getName();
        try (KeyLocks.Held held = locks.lock(container + "/" + key)) {
            if (!overwriteRefused(container, key)) {
                return super.putBlob(container, blob, options);
            }
        }
        // answered before its body is read, a client still sending would see its connection reset, not the 412
        discard(blob);
        throw preconditionFailed();
    }

    /**
     * For a completion S3Proxy lists the parts on the request's thread, then answers 200 and completes on another
     * thread: a refusal must come here. The key stays locked until the completion is answered.
     */
    @Override
    public List<MultipartPart> listMultipartUpload(MultipartUpload upload) {
        requireUpload(upload);
        RequestScope.current()
                .ifPresent(request -> request.hold(locks.lock(upload.containerName() + "/" + upload.blobName())));
        if (overwriteRefused(upload.containerName(), upload.blobName())) {
            throw preconditionFailed();
        }
        return super.listMultipartUpload(upload);
    }

    /**
     * Before an abort S3Proxy checks that a blob named by the uploadId exists, and deletes it: whatever key the
     * request names. Here that check also needs the upload to be of that key, so that S3Proxy answers NoSuchUpload.
     */
    @Override
    public boolean blobExists(String container, String name) {
        boolean exists = super.blobExists(container, name);
        return RequestScope.current().filter(request -> name.equals(request.abortedUploadId()) && request.key() != null)
                .map(request -> exists && isUpload(container, name, request.key())).orElse(exists);
    }

    private boolean overwriteRefused(String container, String key) {
        return RequestScope.current().map(RequestScope::ifNoneMatchAll).orElse(false) && delegate()
                .blobExists(container, key);
    }

    private static HttpResponseException preconditionFailed() {
        // S3Proxy answers this as S3 does: 412 with the XML error PreconditionFailed
        return new HttpResponseException("If-None-Match: * and the key exists", null, HttpResponse.builder()
                .statusCode(412).build());
    }

    private static void discard(Blob blob) {
        try (InputStream body = blob.getPayload().openStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nothing is stored either way
        }
    }

    private void requireUpload(MultipartUpload upload) {
        if (!isUpload(upload.containerName(), upload.id(), upload.blobName())) {
            // S3Proxy answers 404 NoSuchKey (S3: NoSuchUpload)
            throw new KeyNotFoundException(upload.containerName(), upload.blobName(), "no multipart upload "
                    + upload.id() + " of this key");
        }
    }

    private boolean isUpload(String container, String uploadId, String key) {
        return delegate().blobExists(container, UPLOAD_STUB.formatted(uploadId, key));
    }
}
