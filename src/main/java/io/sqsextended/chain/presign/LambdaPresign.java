package io.sqsextended.chain.presign;

import java.util.Map;

import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.api.HttpReply;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.wire.S3Limits;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /presign}: the original design's Lambda contract ({@code object_key}, {@code action}; the bare URL as
 * text), with the roles, key rules and upload rules of the v1 API (a checksum named is signed as for a single PUT of
 * {@code /v1/uploads}); its PUT URLs never replace an object. Unlike
 * {@code /v1/downloads} it does not check that an object exists, as the Lambda did not.
 */
public final class LambdaPresign {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaPresign.class);

    private final KeyPolicy keys;
    private final UploadRules rules;
    private final S3Presigning s3;
    private final ApiMetrics metrics;

    public LambdaPresign(KeyPolicy keys, UploadRules rules, S3Presigning s3, ApiMetrics metrics) {
        this.keys = keys;
        this.rules = rules;
        this.s3 = s3;
        this.metrics = metrics;
    }

    /** Needs an authenticated exchange; the role required depends on the action. */
    public HttpReply presign(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        LambdaPresignRequest request = JsonRequest.read(body, LambdaPresignRequest.class);
        if (request.action() == LambdaPresignRequest.Action.PUT_OBJECT) {
            TokenAuthenticator.require(exchange, Role.PRODUCER);
            String key = keys.uploadKey(request.objectKey());
            String contentType = rules.contentType(request.contentType());
            long length = rules.contentLength(request.contentLength());
            if (length > S3Limits.MAX_SINGLE_PUT) {
                throw new Problem(ProblemType.SIZE_NOT_ALLOWED,
                        "One PUT takes at most 5 GiB; use POST /v1/uploads for a multipart plan");
            }
            S3Presigning.Checksums checksums = UploadRules.checksums("checksum_sha256", request.checksumSha256(),
                    "checksum_crc64nvme", request.checksumCrc64Nvme());
            S3Presigning.Presigned put = s3.presignPut(key, contentType, length, Map.of(), checksums);
            metrics.issued("put");
            LOG.debug("Presigned PUT of {} for /presign, expires {}", key, put.expiresAt());
            return HttpReply.text(put.url().toString());
        }
        TokenAuthenticator.require(exchange, Role.CONSUMER);
        String key = keys.downloadKey(request.objectKey());
        S3Presigning.Presigned get = s3.presignGet(key);
        metrics.issued("get");
        LOG.debug("Presigned GET of {} for /presign, expires {}", key, get.expiresAt());
        return HttpReply.text(get.url().toString());
    }
}
