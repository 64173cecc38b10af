package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.sqsextended.chain.wire.S3Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The S3 side of offloading: a payload streamed to its key (one PUT, or a multipart upload), or removed again. */
final class PayloadUploads {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadUploads.class);

    private final S3Client s3;
    private final ExtendedSettings settings;

    PayloadUploads(S3Client s3, ExtendedSettings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** Uploads the body (length -1 when unknown) and answers how many bytes it had. */
    long upload(String key, InputStream body, long length, String contentType) {
        return length >= 0 && length <= S3Limits.MAX_SINGLE_PUT ? put(key, body, length, contentType)
                : putInParts(key, body, contentType);
    }

    /** No pointer to nothing, and no object without a pointer: remove what a failed send offloaded. */
    void discard(String key) {
        try {
            s3.deleteObject(r -> r.bucket(settings.bucket()).key(key));
        } catch (RuntimeException e) {
            LOG.warn("Could not remove s3://{}/{} after a failed send; the lifecycle rule will: {}", settings.bucket(),
                    key, e.toString());
        }
    }

    private long put(String key, InputStream body, long length, String contentType) {
        s3.putObject(r -> {
            r.bucket(settings.bucket()).key(key).contentType(contentType).contentLength(length);
            if (settings.kmsKeyId() != null) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            }
        }, RequestBody.fromInputStream(body, length));
        return length;
    }

    /** A stream of unknown (or over 5 GiB) length: multipart, one part buffer in memory at a time. */
    private long putInParts(String key, InputStream body, String contentType) {
        byte[] part = new byte[settings.partSize()];
        int read = readFully(body, part);
        if (read < part.length) {
            return put(key, new ByteArrayInputStream(part, 0, read), read, contentType);
        }
        String uploadId = s3.createMultipartUpload(r -> {
            r.bucket(settings.bucket()).key(key).contentType(contentType);
            if (settings.kmsKeyId() != null) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            }
        }).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (read > 0) {
                int number = parts.size() + 1;
                int length = read;
                String eTag = s3.uploadPart(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                total += read;
                read = readFully(body, part);
            }
            s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            return total;
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId));
            throw e;
        }
    }

    private static int readFully(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
