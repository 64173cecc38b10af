package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * In front of S3Proxy's handler: what the storage needs to know of the S3 request it serves, which S3Proxy 2.7.0 does
 * not pass it (whether it says {@code If-None-Match: *}, the key of an abort, the flexible checksum it names), and the
 * key locks it holds until it is answered; its response gives checksums as S3 does ({@link ChecksumHeaders}).
 * Inherited by the thread S3Proxy starts to complete a multipart upload, so that the storage sees it there too.
 */
final class S3Requests extends HandlerWrapper {

    private static final InheritableThreadLocal<Scope> CURRENT = new InheritableThreadLocal<>();

    /** One request being answered. */
    static final class Scope {
        private final boolean ifNoneMatchAll;
        private final String key;
        private final String abortedUploadId;
        private final RequestedChecksum checksum;
        private final HttpServletResponse response;
        private final List<KeyLocks.Held> held = new ArrayList<>();

        private Scope(boolean ifNoneMatchAll, String key, String abortedUploadId, RequestedChecksum checksum, HttpServletResponse response) {
            this.ifNoneMatchAll = ifNoneMatchAll;
            this.key = key;
            this.abortedUploadId = abortedUploadId;
            this.checksum = checksum;
            this.response = response;
        }

        /** The request may only create its object, not replace one. */
        boolean ifNoneMatchAll() {
            return ifNoneMatchAll;
        }

        /** The object key of the request's path, decoded as S3Proxy decodes it; null for a bucket or the service. */
        String key() {
            return key;
        }

        /** The uploadId of an AbortMultipartUpload, else null. */
        String abortedUploadId() {
            return abortedUploadId;
        }

        /** The flexible checksum the request names (an upload's). */
        RequestedChecksum checksum() {
            return checksum;
        }

        /** A header of the answer, set by the storage before S3Proxy writes it (the checksum an upload named, as S3 repeats it). */
        void answer(String header, String value) {
            response.setHeader(header, value);
        }

        /** Keeps {@code lock} until the request is answered (S3Proxy answers a completion from another thread). */
        void hold(KeyLocks.Held lock) {
            held.add(lock);
        }

        private void release() {
            held.forEach(KeyLocks.Held::close);
            held.clear();
        }
    }

    /** The request this thread serves, or the one whose completion it runs. */
    static Optional<Scope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Puts this in front of the proxy's handler; before {@link S3Proxy#start()}. */
    static void install(S3Proxy proxy) {
        ProxyHandlers.insert(proxy, new S3Requests());
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String[] path = request.getRequestURI().split("/", 3);
        String key = path.length == 3 ? URLDecoder.decode(path[2], StandardCharsets.UTF_8) : null;
        // only a DELETE: reading parameters of a POST or PUT could read its body as a form
        String abortedUploadId = request.getMethod().equals("DELETE") ? request.getParameter("uploadId") : null;
        Scope scope = new Scope("*".equals(request.getHeader("If-None-Match")), key, abortedUploadId, RequestedChecksum.of(request), response);
        // S3 gives the checksum of a whole object only, and only when asked
        boolean checksumMode = "ENABLED".equalsIgnoreCase(request.getHeader("x-amz-checksum-mode")) && request.getHeader("Range") == null;
        CURRENT.set(scope);
        try {
            super.handle(target, baseRequest, request, new ChecksumHeaders(response, checksumMode));
        } finally {
            CURRENT.remove();
            scope.release();
        }
    }
}
