package io.sqsextended.chain.presign;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.api.HttpReply;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.api.RequestUri;
import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.api.UploadOwner;
import io.sqsextended.chain.tracing.TraceContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/uploads}, {@code GET /v1/uploads/{uploadId}?key=&contentLength=&partSize=},
 * {@code POST /v1/uploads/complete}, {@code DELETE /v1/uploads/{uploadId}?key=}.
 */
public final class Uploads {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    private final KeyPolicy keys;
    private final UploadRules rules;
    private final long multipartThreshold;
    private final long partSize;
    private final S3Presigning s3;
    private final ApiMetrics metrics;

    public Uploads(KeyPolicy keys, UploadRules rules, PresignSettings settings, S3Presigning s3, ApiMetrics metrics) {
        this.keys = keys;
        this.rules = rules;
        this.multipartThreshold = settings.multipartThreshold();
        this.partSize = settings.partSize();
        this.s3 = s3;
        this.metrics = metrics;
    }

    /** A presigned PUT under a fresh key of the caller's, or a multipart plan above the threshold. */
    public HttpReply create(Exchange exchange) {
        UploadRequest request = JsonRequest.read(exchange.getMessage().getBody(byte[].class), UploadRequest.class);
        String contentType = rules.contentType(request.contentType());
        long length = rules.contentLength(request.contentLength());
        Map<String, String> checked = rules.metadata(request.metadata());
        // S3 keeps the trace context with the payload (the consumer continues the trace from the object's metadata),
        // unless the producer's own metadata leaves no room for it: tracing never fails an upload
        Map<String, String> traced = TraceContext.withTraceparent(checked, exchange);
        Map<String, String> metadata = UploadRules.fitsS3(traced) ? traced : checked;
        S3Presigning.Checksums checksums = UploadRules.checksums("checksumSha256", request.checksumSha256(),
                "checksumCrc64Nvme", request.checksumCrc64Nvme());
        if (checksums.sha256() != null && length > multipartThreshold) {
            throw Problem.invalid("checksumSha256 applies to a single PUT, up to " + multipartThreshold + " bytes: "
                    + "S3 checks a SHA-256 of a multipart upload only per part (COMPOSITE); send checksumCrc64Nvme, "
                    + "which S3 checks for the whole object (FULL_OBJECT)");
        }
        String key = keys.newUploadKey(request.fileName(), UploadOwner.of(exchange));
        if (length > multipartThreshold) {
            return HttpReply.json(201, multipart(key, contentType, length, metadata, checksums.crc64Nvme()));
        }
        S3Presigning.Presigned put = s3.presignPut(key, contentType, length, metadata, checksums);
        metrics.issued("put");
        // at DEBUG: a line per request took the console's lock on every call (counted in ApiMetrics instead)
        LOG.debug("Presigned PUT of {} ({} bytes), expires {}", key, length, put.expiresAt());
        return HttpReply.json(201, UploadTicket.singlePut(s3.bucket(), key, put));
    }

    private UploadTicket multipart(String key, String contentType, long length, Map<String, String> metadata,
            String crc64Nvme) {
        PartLayout layout = PartLayout.of(length, partSize);
        S3Presigning.MultipartPlan started = s3.startMultipart(key, contentType, metadata, layout, crc64Nvme != null);
        UploadTicket plan = UploadTicket.multipartPlan(s3.bucket(), key, started, layout, crc64Nvme);
        metrics.issued("multipart");
        LOG.info("Presigned multipart upload of {} ({} bytes in {} parts), expires {}", key, length, layout.partCount(),
                plan.expiresAt());
        return plan;
    }

    /**
     * What S3 has of an upload of the caller's, and fresh URLs for the rest. The plan's size and part size come from
     * the caller: S3 keeps no readable metadata of an upload in progress and the app stores nothing between calls (any
     * instance answers); parts S3 has of another size refuse them.
     */
    public HttpReply resume(Exchange exchange) {
        String uploadId = UploadRules.uploadId(RequestUri.pathAfter(exchange, "/uploads/"));
        String key = keys.ownUploadKey(RequestUri.queryParameter(exchange, "key"), UploadOwner.of(exchange));
        long length = rules.contentLength(
                UploadRules.positive("contentLength", RequestUri.queryParameter(exchange, "contentLength")));
        PartLayout layout = UploadRules.planLayout(length,
                UploadRules.positive("partSize", RequestUri.queryParameter(exchange, "partSize")));
        List<UploadProgress.StoredPart> stored = s3.listParts(key, uploadId);
        Set<Integer> done = new HashSet<>();
        for (UploadProgress.StoredPart part : stored) {
            if (part.partNumber() > layout.partCount() || part.size() != layout.sizeOf(part.partNumber())) {
                throw new Problem(ProblemType.INVALID_PARTS, "S3 has part " + part.partNumber() + " of " + part.size()
                        + " bytes, not of this contentLength and partSize: give those of the plan");
            }
            done.add(part.partNumber());
        }
        List<Integer> missing = IntStream.rangeClosed(1, layout.partCount()).filter(n -> !done.contains(n))
                .boxed().toList();
        List<S3Presigning.Presigned> urls = missing.isEmpty() ? List.of()
                : s3.presignParts(key, uploadId, layout, missing);
        metrics.issued("resume");
        LOG.info("Resumed multipart upload of {} ({} of {} parts stored)", key, stored.size(), layout.partCount());
        return HttpReply.json(200, UploadProgress.resumed(s3.bucket(), key, uploadId, layout, stored, missing, urls));
    }

    /** Only the token that started the upload completes it. */
    public HttpReply complete(Exchange exchange) {
        CompleteRequest request = JsonRequest.read(exchange.getMessage().getBody(byte[].class), CompleteRequest.class);
        String key = keys.ownUploadKey(request.key(), UploadOwner.of(exchange));
        String eTag = s3.complete(key, request.uploadId(), request.parts(), request.checksumCrc64Nvme());
        metrics.issued("complete");
        LOG.info("Completed multipart upload of {} ({} parts)", key, request.parts().size());
        return HttpReply.json(200, new CompletedUpload(s3.bucket(), key, eTag));
    }

    /** The token that started the upload aborts it, or an admin (abandoned uploads keep their parts, and cost). */
    public HttpReply abort(Exchange exchange) {
        String uploadId = UploadRules.uploadId(RequestUri.pathAfter(exchange, "/uploads/"));
        String named = RequestUri.queryParameter(exchange, "key");
        String key = TokenAuthenticator.has(exchange, Role.ADMIN) ? keys.uploadKey(named)
                : keys.ownUploadKey(named, UploadOwner.of(exchange));
        s3.abort(key, uploadId);
        metrics.issued("abort");
        LOG.info("Aborted multipart upload of {}", key);
        return HttpReply.noContent();
    }
}
