package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.sqsextended.chain.local.s3.store.RequestScope;
import io.sqsextended.chain.local.s3.store.RequestedChecksum;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * In front of S3Proxy's handler: opens the {@link RequestScope} through which the storage learns what S3Proxy 2.7.0
 * does not pass it of the request (whether it says {@code If-None-Match: *}, the key of an abort, the flexible
 * checksum it names), closed once the request is answered; its response gives checksums as S3 does
 * ({@link ChecksumHeaders}).
 */
final class S3Requests extends HandlerWrapper {

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
        // S3 gives the checksum of a whole object only, and only when asked
        boolean checksumMode = "ENABLED".equalsIgnoreCase(request.getHeader("x-amz-checksum-mode"))
                && request.getHeader("Range") == null;
        try (RequestScope scope = RequestScope.open("*".equals(request.getHeader("If-None-Match")), key,
                abortedUploadId,
                RequestedChecksum.of(request), response::setHeader)) {
            super.handle(target, baseRequest, request, new ChecksumHeaders(response, checksumMode));
        }
    }
}
