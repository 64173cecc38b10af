package io.sqsextended.chain.presign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The browser upload page at {@code /upload}: its few files are read from the jar once, never from the working
 * directory (a static handler looks there first). It calls the API of its own origin and PUTs to S3's (CORS).
 */
final class UploadPage {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "upload.js", "text/javascript; charset=utf-8",
            "crc64nvme.js", "text/javascript; charset=utf-8",
            "upload.css", "text/css; charset=utf-8");
    // scripts and styles of its own only; its PUTs go to S3, whose host is the bucket's on AWS
    private static final String POLICY = "default-src 'self'; connect-src 'self' https: http:; img-src 'self' data:";

    private UploadPage() {
    }

    static void install(VertxPlatformHttpRouter router) {
        Map<String, Buffer> files = new HashMap<>();
        TYPES.keySet().forEach(name -> files.put(name, read(name)));
        router.route(HttpMethod.GET, "/upload").handler(ctx -> serve(ctx, "index.html", files));
        router.route(HttpMethod.GET, "/upload/:file").handler(ctx -> serve(ctx, ctx.pathParam("file"), files));
    }

    private static void serve(RoutingContext ctx, String name, Map<String, Buffer> files) {
        Buffer body = files.get(name);
        if (body == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Type", TYPES.get(name))
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-cache")
                .end(body);
    }

    private static Buffer read(String name) {
        try (InputStream in = UploadPage.class.getResourceAsStream("/upload/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The jar has no upload/" + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
