package io.sqsextended.chain.presign;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Everything the API asks of S3: presigned PUT, GET and part URLs, and the multipart calls made with the app's own
 * credentials. S3 errors become {@link Problem}s; presigned URLs are returned, never logged.
 */
public final class S3Presigning {

    private static final Logger LOG = LoggerFactory.getLogger(S3Presigning.class);
    /** S3's conditional write: only where the key has no object yet (412 PreconditionFailed otherwise). */
    private static final String CREATE_ONLY = "*";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final SigningCredentials signing;

    public S3Presigning(S3Client s3, S3Presigner presigner, String bucket, SigningCredentials signing) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.signing = signing;
    }

    /** A presigned request: its URL, the headers the caller must send exactly, and when it stops working. */
    public record Presigned(URI url, Map<String, String> headers, Instant expiresAt) {
    }

    /** The whole body's checksums a PUT signs, each null for none (S3 takes at most one). */
    public record Checksums(String sha256, String crc64Nvme) {
    }

    public String bucket() {
        return bucket;
    }

    /**
     * A PUT that S3 accepts only with the signed Content-Type, Content-Length and metadata, and only while the key
     * has no object ({@code If-None-Match: *}, signed too): neither another producer nor a replay replaces one. With
     * a checksum (signed as {@code x-amz-checksum-sha256} or {@code x-amz-checksum-crc64nvme}) S3 keeps only a body
     * that has it.
     */
    public Presigned presignPut(String key, String contentType, long contentLength, Map<String, String> metadata,
            Checksums checksums) {
        SigningCredentials.Signing sign = sign();
        return presigned(() -> presigner.presignPutObject(r -> r.signatureDuration(sign.lifetime())
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)
                        .ifNoneMatch(CREATE_ONLY).metadata(metadata.isEmpty() ? null : metadata)
                        .checksumSHA256(checksums.sha256()).checksumCRC64NVME(checksums.crc64Nvme())
                        .overrideConfiguration(o -> o.credentialsProvider(sign.credentials())))));
    }

    public Presigned presignGet(String key) {
        SigningCredentials.Signing sign = sign();
        return presigned(() -> presigner.presignGetObject(r -> r.signatureDuration(sign.lifetime())
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .overrideConfiguration(o -> o.credentialsProvider(sign.credentials())))));
    }

    /** The object's size, type and whole-object checksum; a {@code 404} problem when it does not exist. */
    public HeadObjectResponse head(String key) {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new Problem(ProblemType.OBJECT_NOT_FOUND, "No object with this key");
            }
            throw unavailable("HeadObject", e);
        } catch (SdkException e) {
            throw unavailable("HeadObject", e);
        }
    }

    /**
     * Starts a multipart upload (type and metadata are fixed here) and presigns a PUT per part, of its exact size. With
     * {@code fullObjectCrc64Nvme} the upload is declared CRC64NVME FULL_OBJECT: parts need no checksum of their own,
     * the completion may name the whole's.
     */
    public MultipartPlan startMultipart(String key, String contentType, Map<String, String> metadata, PartLayout layout,
                                        boolean fullObjectCrc64Nvme) {
        // credentials first: a failure to sign then leaves no upload behind
        SigningCredentials.Signing sign = sign();
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)
                    .metadata(metadata.isEmpty() ? null : metadata)
                    .checksumAlgorithm(fullObjectCrc64Nvme ? ChecksumAlgorithm.CRC64_NVME : null)
                    .checksumType(fullObjectCrc64Nvme ? ChecksumType.FULL_OBJECT : null)).uploadId();
        } catch (SdkException e) {
            throw unavailable("CreateMultipartUpload", e);
        }
        List<Integer> all = IntStream.rangeClosed(1, layout.partCount()).boxed().toList();
        return new MultipartPlan(uploadId, presignParts(sign, key, uploadId, layout, all));
    }

    /** A presigned PUT of each of {@code partNumbers} of a started upload, of its exact size in {@code layout}. */
    public List<Presigned> presignParts(String key, String uploadId, PartLayout layout, List<Integer> partNumbers) {
        return presignParts(sign(), key, uploadId, layout, partNumbers);
    }

    private List<Presigned> presignParts(SigningCredentials.Signing sign, String key, String uploadId,
                                         PartLayout layout, List<Integer> partNumbers) {
        List<Presigned> parts = new ArrayList<>(partNumbers.size());
        for (int partNumber : partNumbers) {
            parts.add(presigned(() -> presigner.presignUploadPart(r -> r.signatureDuration(sign.lifetime())
                    .uploadPartRequest(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength(layout.sizeOf(partNumber))
                            .overrideConfiguration(o -> o.credentialsProvider(sign.credentials()))))));
        }
        return parts;
    }

    /** The parts S3 has of a started upload, by part number, from every page of ListParts (1,000 parts a page). */
    public List<UploadProgress.StoredPart> listParts(String key, String uploadId) {
        try {
            return s3.listPartsPaginator(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts().stream()
                    .map(p -> new UploadProgress.StoredPart(p.partNumber(), p.size(), p.eTag())).toList();
        } catch (S3Exception e) {
            throw multipartProblem("ListParts", e);
        } catch (SdkException e) {
            throw unavailable("ListParts", e);
        }
    }

    /** A started multipart upload and the presigned PUT of each part, by part number - 1. */
    public record MultipartPlan(String uploadId, List<Presigned> parts) {
    }

    /**
     * Completes a multipart upload, unless the key has an object meanwhile; returns the object's ETag. With a
     * {@code crc64Nvme} (null for none) S3 completes it only when the parts' bytes have it, as a FULL_OBJECT checksum.
     */
    public String complete(String key, String uploadId, List<CompleteRequest.UploadedPart> parts, String crc64Nvme) {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build()).toList();
        try {
            return s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch(CREATE_ONLY)
                    .checksumCRC64NVME(crc64Nvme).checksumType(crc64Nvme == null ? null : ChecksumType.FULL_OBJECT)
                    .multipartUpload(m -> m.parts(completed))).eTag();
        } catch (S3Exception e) {
            throw multipartProblem("CompleteMultipartUpload", e);
        } catch (SdkException e) {
            throw unavailable("CompleteMultipartUpload", e);
        }
    }

    public void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (S3Exception e) {
            throw multipartProblem("AbortMultipartUpload", e);
        } catch (SdkException e) {
            throw unavailable("AbortMultipartUpload", e);
        }
    }

    private SigningCredentials.Signing sign() {
        try {
            return signing.next();
        } catch (SdkException e) {
            throw unavailable("ResolveCredentials", e);
        }
    }

    private Presigned presigned(Supplier<? extends PresignedRequest> presign) {
        PresignedRequest request;
        try {
            request = presign.get();
        } catch (SdkException e) {
            throw unavailable("Presign", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        // X-Amz-Date has whole seconds: the URL expires at the second, not at the signing clock's nanosecond
        return new Presigned(URI.create(request.url().toString()), headers,
                request.expiration().truncatedTo(ChronoUnit.SECONDS));
    }

    private static Problem multipartProblem(String operation, S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.statusCode() == 404) {
            return new Problem(ProblemType.UPLOAD_NOT_FOUND,
                    "No multipart upload with this uploadId and key (completed or aborted?)");
        }
        if (e.statusCode() == 412) {
            return new Problem(ProblemType.KEY_EXISTS,
                    "An object with this key was stored meanwhile; S3 keeps it (start a new upload)");
        }
        if (e.statusCode() == 400 && "BadDigest".equals(code)) {
            return new Problem(ProblemType.CHECKSUM_MISMATCH,
                    "S3 refused the completion: the parts' bytes do not have checksumCrc64Nvme "
                    + "(BadDigest); the upload stays open: upload the parts again, or abort it");
        }
        if (e.statusCode() == 400) {
            return new Problem(ProblemType.INVALID_PARTS, "S3 refused the parts: " + (code == null ? "400" : code));
        }
        return unavailable(operation, e);
    }

    private static Problem unavailable(String operation, SdkException e) {
        String status = e instanceof S3Exception s3e
                ? s3e.statusCode() + " " + (s3e.awsErrorDetails() == null ? "" : s3e.awsErrorDetails().errorCode())
                : e.getClass().getSimpleName();
        LOG.warn("S3 {} failed: {}", operation, status);
        return new Problem(ProblemType.STORAGE_UNAVAILABLE, "The object store did not answer as expected; retry later");
    }
}
