package io.sqsextended.chain.local.s3.store;

import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

/**
 * Why the embedded S3 refuses an upload once it has read (part of) the body: S3Proxy answers these as S3's XML
 * errors ({@code 400 BadDigest}, {@code 403 AccessDenied}), and the storage keeps nothing of the write.
 */
public final class RejectedUpload {

    private RejectedUpload() {
    }

    /** The body is not what its checksum, payload hash or framing says. */
    public static final class BadDigest extends HttpResponseException {
        public BadDigest(String message) {
            super(message, null, HttpResponse.builder().statusCode(400).message("Bad Digest").build());
        }
    }

    /** A chunk or the trailer of a signed aws-chunked body is not signed by the request's signer. */
    public static final class BadSignature extends AuthorizationException {
        public BadSignature(String message) {
            super(message);
        }
    }

    /** Whether {@code e} is one of these refusals. */
    static boolean refuses(Throwable e) {
        return e instanceof BadDigest || e instanceof BadSignature;
    }
}
