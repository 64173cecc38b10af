package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A completed multipart upload's ETag as S3 gives it everywhere ({@code "<md5 of the part md5s>-<parts>"}): S3Proxy's
 * filesystem store answers it to the completion but keeps the whole object's MD5, which HEAD, GET, listings and the
 * S3 event would give. The store reads a stored ETag that is no 16-byte MD5 as the ETag itself.
 */
public final class MultipartETags extends ForwardingBlobStore {

    private final Path storageDir;

    public MultipartETags(BlobStore delegate, Path storageDir) {
        super(delegate);
        this.storageDir = storageDir;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        Path object = storageDir.resolve(upload.containerName()).resolve(upload.blobName()).normalize();
        try {
            Files.getFileAttributeView(object, UserDefinedFileAttributeView.class)
                    .write(IncompleteUploads.CONTENT_MD5, ByteBuffer.wrap(eTag.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the multipart ETag of " + object, e);
        }
        return eTag;
    }
}
