package io.sqsextended.chain.presign;

import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.api.HttpReply;
import io.sqsextended.chain.api.RequestUri;
import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.PayloadSha256;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code POST /v1/downloads} (a presigned GET as JSON) and {@code GET /v1/downloads/{key}} (a redirect to it). */
public final class Downloads {

    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

    private final KeyPolicy keys;
    private final S3Transfers s3;
    private final ApiMetrics metrics;

    public Downloads(KeyPolicy keys, S3Transfers s3, ApiMetrics metrics) {
        this.keys = keys;
        this.s3 = s3;
        this.metrics = metrics;
    }

    public HttpReply describe(byte[] body) {
        String key = keys.downloadKey(DownloadRequest.parse(body).key());
        HeadObjectResponse head = s3.head(key);
        S3Transfers.Presigned get = presignGet(key);
        return HttpReply.json(200, new DownloadTicket(s3.bucket(), key, "GET", get.url().toString(), get.expiresAt().toString(),
                head.contentLength(), head.contentType(), head.eTag(),
                wholeObject(key, head, "CRC64NVME", head.checksumCRC64NVME(), Crc64Nvme.isWellFormed(head.checksumCRC64NVME())),
                wholeObject(key, head, "SHA256", head.checksumSHA256(), PayloadSha256.isWellFormed(head.checksumSHA256()))));
    }

    /**
     * A checksum of the whole object; a COMPOSITE one (of the parts' checksums) is no use to a downloader, nor one of the
     * wrong length for its algorithm (moto's 4-byte CRC64NVME of multipart uploads): every check against it would fail.
     */
    private static String wholeObject(String key, HeadObjectResponse head, String algorithm, String checksum, boolean wellFormed) {
        if (checksum == null || head.checksumType() == ChecksumType.COMPOSITE) {
            return null;
        }
        if (!wellFormed) {
            LOG.warn("S3 answered a malformed Checksum{} {} for {}: left out of the download ticket", algorithm, checksum, key);
            return null;
        }
        return checksum;
    }

    /** The key is the rest of the path, slashes included (percent-encode spaces and non-ASCII, as in any URL). */
    public HttpReply redirect(Exchange exchange) {
        String key = keys.downloadKey(RequestUri.pathAfter(exchange, "/downloads/"));
        s3.head(key);
        return HttpReply.redirect(presignGet(key).url());
    }

    private S3Transfers.Presigned presignGet(String key) {
        S3Transfers.Presigned get = s3.presignGet(key);
        metrics.issued("get");
        // at DEBUG: a line per request took the console's lock on every call (counted in ApiMetrics instead)
        LOG.debug("Presigned GET of {}, expires {}", key, get.expiresAt());
        return get;
    }
}
