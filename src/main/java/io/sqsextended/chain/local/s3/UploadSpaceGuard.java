package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sqsextended.chain.local.s3.store.DiskSpace;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of S3Proxy's handler: an upload (PUT, or POST other than DeleteObjects) whose {@code Content-Length}
 * the data disk cannot take above the reserve gets S3's {@code 503 SlowDown} before its body is read. S3Proxy
 * itself asks for the body ({@code 100 Continue}) before it looks at the request, and has no 503 error code.
 */
final class UploadSpaceGuard extends HandlerWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSpaceGuard.class);

    private final Path storageDir;
    private final DiskSpace space;
    private final AtomicBoolean refusing = new AtomicBoolean();

    private UploadSpaceGuard(Path storageDir, DiskSpace space) {
        this.storageDir = storageDir;
        this.space = space;
    }

    /** Puts the guard in front of {@code proxy}'s handler (before it starts). */
    static void install(S3Proxy proxy, Path storageDir, DiskSpace space) {
        ProxyHandlers.insert(proxy, new UploadSpaceGuard(storageDir, space));
    }

    /** PUT and POST store what they carry; DeleteObjects ({@code POST ?delete}) frees space and is never refused. */
    private static boolean writes(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        return "PUT".equals(request.getMethod())
                || "POST".equals(request.getMethod())
                && Arrays.stream(query.split("&")).noneMatch(p -> p.equals("delete") || p.startsWith("delete="));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!writes(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        Optional<String> shortage = space.shortage(storageDir, Math.max(0, request.getContentLengthLong()));
        if (shortage.isEmpty()) {
            if (refusing.compareAndSet(true, false)) {
                LOG.info("The embedded S3 takes uploads again: {} has room", storageDir);
            }
            super.handle(target, baseRequest, request, response);
            return;
        }
        if (refusing.compareAndSet(false, true)) {
            LOG.warn("The embedded S3 refuses uploads (503 SlowDown) while the data disk is short of space: {}",
                    shortage.get());
        }
        S3ErrorResponse.send(baseRequest, response, 503, "SlowDown",
                "The data disk of the embedded S3 is short of space; retry later");
    }
}
