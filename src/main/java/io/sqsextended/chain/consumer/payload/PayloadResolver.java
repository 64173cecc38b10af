package io.sqsextended.chain.consumer.payload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.sqsextended.chain.consumer.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.consumer.events.PayloadReference;
import io.sqsextended.chain.consumer.events.PayloadRefusedException;
import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.wire.PayloadSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Turns a payload reference into the downstream contract ({@link PayloadHeaders}): one GET of the object, whose
 * response gives the headers and whose body, read as the downstream reads it, is the payload (closed after the
 * exchange); a presigned GET as a header, signed when read. Without fetching, a HEAD gives the headers.
 */
public final class PayloadResolver {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadResolver.class);
    private static final String INLINE_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final String CHECKSUM_MODE = "x-amz-checksum-mode";
    private static final String HEADER_PREFIX = "Payload";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final Duration downloadUrlTtl;
    private final boolean fetchPayload;
    private final int replayLimit;
    private final Map<PayloadSource, CleanupPolicy> cleanup;

    /**
     * @param fetchPayload false: the body stays empty, the downstream gets the headers and the presigned URL
     * @param replayLimit  bytes of each payload kept as they are read, for a second reader within the attempt
     * @param cleanup      what becomes of objects after delivery, per source
     */
    public PayloadResolver(S3Client s3, S3Presigner presigner, Duration downloadUrlTtl, boolean fetchPayload,
            int replayLimit,
                           Map<PayloadSource, CleanupPolicy> cleanup) {
        this.s3 = s3;
        this.presigner = presigner;
        this.downloadUrlTtl = downloadUrlTtl;
        this.fetchPayload = fetchPayload;
        this.replayLimit = replayLimit;
        this.cleanup = Map.copyOf(cleanup);
    }

    public void resolve(Exchange exchange, PayloadReference reference) {
        Message message = exchange.getMessage();
        // one SQS message may name several payloads: nothing of the previous one may leak in, nor hold its connection
        message.getHeaders().keySet().removeIf(PayloadResolver::isPayloadHeader);
        if (message.getBody() instanceof S3ObjectStream previous) {
            previous.discard();
        }
        message.setHeader(PayloadHeaders.SOURCE, reference.source().value());
        if (reference.eventTime() != null) {
            message.setHeader(PayloadHeaders.EVENT_TIME, reference.eventTime().toString());
        }
        if (reference instanceof ObjectReference object) {
            resolveObject(exchange, object);
        } else if (reference instanceof InlinePayload inline) {
            byte[] bytes = inline.body().getBytes(StandardCharsets.UTF_8);
            message.setHeader(PayloadHeaders.SIZE, (long) bytes.length);
            message.setHeader(PayloadHeaders.CONTENT_TYPE, INLINE_CONTENT_TYPE);
            // its copies share the bytes, not a read position: an attempt that timed out cannot disturb the next one
            message.setBody(fetchPayload ? new InputStreamCache(bytes) : null);
        }
    }

    private void resolveObject(Exchange exchange, ObjectReference object) {
        Message message = exchange.getMessage();
        message.setHeader(PayloadHeaders.BUCKET, object.bucket());
        message.setHeader(PayloadHeaders.KEY, object.key());
        if (object.eventIssues() != null) {
            message.setHeader(PayloadHeaders.EVENT_ISSUES, object.eventIssues());
        }
        message.setHeader(PayloadHeaders.DOWNLOAD_URL,
                new DownloadUrl(() -> presigner.presignGetObject(r -> r.signatureDuration(downloadUrlTtl)
                        .getObjectRequest(g -> g.bucket(object.bucket()).key(object.key())
                                .versionId(object.versionId()))).url().toString()));
        if (!fetchPayload) {
            // the checksums too: the downstream that reads the URL can verify what it reads
            HeadObjectResponse head = unlessRefused(object, () -> s3.headObject(r -> r.bucket(object.bucket())
                    .key(object.key()).versionId(object.versionId()).checksumMode(ChecksumMode.ENABLED)));
            requireDeclaredSize(object, head.contentLength());
            describe(message, head.contentLength(), head.eTag(), head.contentType(), head.metadata());
            PayloadChecksum.of(object.expectedSha256(), head).ifPresentOrElse(known -> known.setOn(message),
                    () -> PayloadChecksum.malformed(head).ifPresent(reason -> unverifiable(message, object, reason)));
            message.setBody(null);
            return;
        }
        // one GET: its response gives the headers, its body is the payload, read as the downstream reads it; the
        // checksum mode as a header, not the SDK's field: the SDK would verify too, and fail without naming a mismatch
        GetObjectRequest get = GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                .versionId(object.versionId())
                .overrideConfiguration(o -> o.putHeader(CHECKSUM_MODE, "ENABLED")).build();
        ResponseInputStream<GetObjectResponse> response = unlessRefused(object, () -> s3.getObject(get));
        GetObjectResponse described = response.response();
        try {
            requireDeclaredSize(object, described.contentLength());
        } catch (PayloadRefusedException e) {
            response.abort();
            throw e;
        }
        describe(message, described.contentLength(), described.eTag(), described.contentType(), described.metadata());
        PayloadChecksum expected = PayloadChecksum.of(object.expectedSha256(), described).orElse(null);
        if (expected != null) {
            expected.setOn(message);
        } else {
            PayloadChecksum.malformed(described).ifPresent(reason -> unverifiable(message, object, reason));
        }
        // If-Match: a later GET (a redelivery's) gets the bytes the headers describe, even if the key was overwritten
        S3ObjectStream body = new S3ObjectStream(s3, get.toBuilder().ifMatch(described.eTag()).build(),
                described.contentLength(),
                expected, replayLimit, response);
        message.setBody(body);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.discard();
            }
        });
    }

    private static void describe(Message message, Long size, String eTag, String contentType,
            Map<String, String> metadata) {
        message.setHeader(PayloadHeaders.SIZE, size);
        message.setHeader(PayloadHeaders.ETAG, unquote(eTag));
        message.setHeader(PayloadHeaders.CONTENT_TYPE, contentType);
        metadata.forEach((name, value) -> message.setHeader(PayloadHeaders.METADATA_PREFIX + name, value));
    }

    /**
     * A checksum S3 answered that is none of its algorithm's (the store's fault, the same on every retry): the payload
     * is delivered unverified and says so, as one without a checksum would be, rather than dead-lettered for good.
     */
    private static void unverifiable(Message message, ObjectReference object, String reason) {
        LOG.warn("Delivering s3://{}/{} unverified: {}", object.bucket(), object.key(), reason);
        message.setHeader(PayloadHeaders.CHECKSUM_MALFORMED, reason);
    }

    /**
     * A pointer whose size attribute is not its object's size points at something else than was sent: no retry changes
     * that.
     */
    private static void requireDeclaredSize(ObjectReference object, Long size) {
        if (object.expectedSize() != null && !object.expectedSize().equals(size)) {
            throw new PayloadRefusedException("Pointer to s3://" + object.bucket() + "/" + object.key() + " declares "
                    + object.expectedSize()
                    + " bytes, the object has " + size);
        }
    }

    /**
     * What S3 refuses for good (the object is gone, the key is malformed or forbidden) is a refusal, not worth a retry.
     */
    private static <T> T unlessRefused(ObjectReference object, Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            String name = "s3://" + object.bucket() + "/" + object.key();
            if (e.statusCode() == 404) {
                throw new PayloadRefusedException("Object " + name + " does not exist (any more)", e);
            }
            if (e.statusCode() == 400 || e.statusCode() == 403) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                throw new PayloadRefusedException("S3 refuses to read " + name + ": " + e.statusCode()
                        + (code == null ? "" : " " + code), e);
            }
            throw e;
        }
    }

    /**
     * After a delivery: schedules the object's deletion once its message is deleted, if its source's policy says so.
     */
    public void scheduleCleanup(Exchange exchange, PayloadReference reference) {
        if (reference instanceof ObjectReference object && cleanup.getOrDefault(object.source(), CleanupPolicy.KEEP)
                == CleanupPolicy.DELETE) {
            ObjectCleanup.schedule(exchange, s3, object.bucket(), object.key());
        }
    }

    /**
     * "Payload*" as Camel's removeHeaders matches it (ignoring case), without the regular expression it compiles for
     * every other header.
     */
    private static boolean isPayloadHeader(String name) {
        return name.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length());
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
