package io.sqsextended.chain.presign;

import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.api.HttpReply;
import io.sqsextended.chain.api.JsonRequest;
import io.sqsextended.chain.api.RequestUri;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code POST /v1/downloads} (a presigned GET as JSON) and {@code GET /v1/downloads/{key}} (a redirect to it). */
public final class Downloads {

    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

    private final KeyPolicy keys;
    private final S3Presigning s3;
    private final ApiMetrics metrics;

    public Downloads(KeyPolicy keys, S3Presigning s3, ApiMetrics metrics) {
        this.keys = keys;
        this.s3 = s3;
        this.metrics = metrics;
    }

    public HttpReply describe(byte[] body) {
        String key = keys.downloadKey(JsonRequest.read(body, DownloadRequest.class).key());
        HeadObjectResponse head = s3.head(key);
        return HttpReply.json(200, DownloadTicket.of(s3.bucket(), key, presignGet(key), head));
    }

    /** The key is the rest of the path, slashes included (percent-encode spaces and non-ASCII, as in any URL). */
    public HttpReply redirect(Exchange exchange) {
        String key = keys.downloadKey(RequestUri.pathAfter(exchange, "/downloads/"));
        s3.head(key);
        return HttpReply.redirect(presignGet(key).url());
    }

    private S3Presigning.Presigned presignGet(String key) {
        S3Presigning.Presigned get = s3.presignGet(key);
        metrics.issued("get");
        // at DEBUG: a line per request took the console's lock on every call (counted in ApiMetrics instead)
        LOG.debug("Presigned GET of {}, expires {}", key, get.expiresAt());
        return get;
    }
}
