package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.sqsextended.chain.local.s3.store.RejectedUpload;
import io.sqsextended.chain.local.s3.store.RequestScope;
import io.sqsextended.chain.wire.DigestingInputStream;
import io.sqsextended.chain.wire.Sha256;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.http.HttpFields;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of S3Proxy's handler: the uploads (PUT) signed in their Authorization header whose body S3Proxy 2.7.0
 * cannot take as S3 does. It refuses aws-chunked bodies with a trailer (what current AWS SDKs send by default) and
 * reads a signed payload whole into the heap to hash it. Here the signature is checked, the body is decoded and
 * checked as it streams (chunk and trailer signatures, payload hash), and S3Proxy is handed the payload as an
 * {@code UNSIGNED-PAYLOAD} request that this handler signs again with the same credentials.
 */
final class SignedUploads extends HandlerWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SignedUploads.class);
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final Set<String> SIGNED_CHUNKS = Set.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
    private static final String UNSIGNED_CHUNKS = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private final String accessKey;
    private final String secretKey;

    private SignedUploads(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Puts this in front of the proxy's handler (before it starts), inside {@link S3Requests}. */
    static void install(S3Proxy proxy, String accessKey, String secretKey) {
        ProxyHandlers.insert(proxy, new SignedUploads(accessKey, secretKey));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String payloadHash = request.getHeader(CONTENT_SHA256);
        var signature = SigV4.of(request, secretKey);
        if (!"PUT".equals(request.getMethod()) || payloadHash == null || UNSIGNED.equals(payloadHash)
                || signature.isEmpty()) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        SigV4 signer = signature.get();
        if (!signer.accessKey().equals(accessKey) || !signer.signs(request, payloadHash)) {
            // before the body: S3Proxy would read a signed payload into the heap before it checks the signature
            LOG.info("Refused an upload to {}: its signature does not match the embedded S3's keys",
                    request.getRequestURI());
            if (signer.accessKey().equals(accessKey)) {
                S3ErrorResponse.send(baseRequest, response, 403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided");
            } else {
                S3ErrorResponse.send(baseRequest, response, 403, "InvalidAccessKeyId",
                        "The AWS Access Key Id you provided does not exist in our records");
            }
            return;
        }
        BiConsumer<String, String> trailers = (name, value) -> RequestScope.current()
                .ifPresent(scope -> scope.checksum().trailer(name, value));
        InputStream raw = request.getInputStream();
        InputStream payload;
        if (SIGNED_CHUNKS.contains(payloadHash)) {
            payload = new AwsChunkedInputStream(raw, signer, trailers);
        } else if (UNSIGNED_CHUNKS.equals(payloadHash)) {
            payload = new AwsChunkedInputStream(raw, null, trailers);
        } else if (payloadHash.matches("\\p{XDigit}{64}")) {
            payload = hashChecked(raw, payloadHash);
        } else {
            super.handle(target, baseRequest, request, response);
            return;
        }
        HttpFields.Mutable fields = HttpFields.build(baseRequest.getHttpFields());
        fields.put(CONTENT_SHA256, UNSIGNED);
        String encoding = fields.get("Content-Encoding");
        if (encoding != null) {
            // S3 keeps the object's own encodings, not the transfer's
            String kept = Arrays.stream(encoding.split(",")).map(String::trim)
                    .filter(e -> !e.equalsIgnoreCase("aws-chunked"))
                    .collect(Collectors.joining(","));
            fields.remove("Content-Encoding");
            if (!kept.isEmpty()) {
                fields.put("Content-Encoding", kept);
            }
        }
        baseRequest.setHttpFields(fields);
        fields.put("Authorization", signer.authorization(baseRequest, UNSIGNED));
        baseRequest.setHttpFields(fields);
        super.handle(target, baseRequest, new ReplacedBody(request, payload), response);
    }

    /** A signed payload, streamed: its SHA-256 must be the signed {@code x-amz-content-sha256} when it ends. */
    private static InputStream hashChecked(InputStream raw, String expectedHex) {
        MessageDigest digest = Sha256.digest();
        String expected = expectedHex.toLowerCase();
        return new DigestingInputStream(raw, digest::update, () -> {
            if (!SigV4.hex(digest.digest()).equals(expected)) {
                throw new RejectedUpload.BadDigest("The body's SHA-256 is not the signed x-amz-content-sha256");
            }
        });
    }
}
