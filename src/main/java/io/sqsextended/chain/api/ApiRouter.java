package io.sqsextended.chain.api;

import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API needs from the Vert.x router under platform-http: {@code Cache-Control: no-store} on its answers
 * (presigned URLs are secrets; Camel's header filter drops Cache-Control), and problem answers instead of Vert.x's
 * HTML or empty pages for what no route takes (unknown path, wrong method, {@code Accept} or {@code Content-Type}).
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final List<String> API_PATHS = List.of("/v1/uploads", "/v1/downloads", "/presign");

    private ApiRouter() {
    }

    public static void install(VertxPlatformHttpRouter routes) {
        routes.route().order(-1).handler(ctx -> {
            if (API_PATHS.stream().anyMatch(ctx.normalizedPath()::startsWith)) {
                ctx.response().putHeader("Cache-Control", "no-store");
            }
            ctx.next();
        });
        // platform-http mounts its router under a root router, which is the one that answers unmatched requests
        if (routes.getServer().getServer().requestHandler() instanceof Router root) {
            for (int status : new int[] {404, 405, 406, 413, 415}) {
                ProblemType type = ProblemType.ofRouterStatus(status);
                root.errorHandler(status, ctx -> respond(ctx, type, routes));
            }
            // first of all, pathless (so no path is matched yet): Vert.x cannot normalize a path with a malformed
            // percent-escape, and logs that failure of its route matching as an ERROR with a stack trace, per request
            root.route().order(Integer.MIN_VALUE).handler(ApiRouter::refuseMalformedPath);
            root.route().failureHandler(ApiRouter::clientFailure);
        } else {
            LOG.warn("The HTTP server has no Vert.x router at its root: "
                    + "unmatched requests get Vert.x's default answers");
        }
    }

    /**
     * Vert.x holds back what is written while it reads a request, and closes the connection at once when the rest of
     * it cannot be decoded (a malformed chunk size): an answer not flushed by then is lost.
     */
    private static void sendNow(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection) {
            connection.channel().flush();
        }
    }

    private static void refuseMalformedPath(RoutingContext ctx) {
        try {
            ctx.normalizedPath();
        } catch (IllegalArgumentException e) {
            LOG.debug("Refused {} with a malformed path: {}", ctx.request().method(), e.getMessage());
            ctx.response().setStatusCode(ProblemType.INVALID_REQUEST.status())
                    .putHeader("Content-Type", ProblemJson.MEDIA_TYPE)
                    .end(Buffer.buffer(ProblemJson.render(ProblemType.INVALID_REQUEST,
                            "The request path has a malformed percent-escape", null)));
            sendNow(ctx);
            return;
        }
        ctx.next();
    }

    /**
     * Failures the client caused before any route ran (no Host header, multipart to a streaming route, a form or
     * multipart body on a GET, a malformed chunk size, a connection closed or reset mid-body): answered as problems
     * and logged at DEBUG. Vert.x would log each as an ERROR with its stack trace, a log flood anyone can cause. Any
     * other failure keeps Vert.x's handling.
     */
    private static void clientFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        // closed (FIN) or reset (RST: the client closed with our answer unread) while its request was read
        if (failure instanceof HttpClosedException || failure instanceof SocketException) {
            LOG.debug("Connection closed before the request was read: {} {} ({})",
                    ctx.request().method(), ctx.request().path(), message);
            return;
        }
        ProblemType type;
        String detail;
        if (failure instanceof VertxException && message.contains("'Host' header is required")) {
            type = ProblemType.INVALID_REQUEST;
            detail = "HTTP/1.1 requests need a Host header";
        } else if (failure instanceof IllegalStateException && message.contains("multipart/form-data")
                || failure != null && failure.getClass().getSimpleName().equals("TooLongFormFieldException")) {
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
            detail = "This path does not take multipart/form-data";
        } else if (failure instanceof IllegalStateException && message.contains("to decode a multipart request")) {
            // Vert.x's body handler refuses to decode a form or multipart body sent with GET (or HEAD, OPTIONS...)
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
            detail = ctx.request().method().name() + " requests take no form or multipart body";
        } else if (failure instanceof NumberFormatException && message.contains("chunk size")) {
            // Netty's decoder gives up on the body; answered before Vert.x closes the connection
            type = ProblemType.INVALID_REQUEST;
            detail = "The chunked request body has a malformed chunk size";
        } else {
            ctx.next();
            return;
        }
        LOG.debug("Refused {} {}: {}", ctx.request().method(), ctx.request().path(), failure.toString());
        if (!ctx.response().headWritten() && !ctx.response().closed()) {
            ctx.response().setStatusCode(type.status())
                    .putHeader("Content-Type", ProblemJson.MEDIA_TYPE)
                    .end(Buffer.buffer(ProblemJson.render(type, detail, ctx.request().path())));
            sendNow(ctx);
        }
    }

    private static void respond(RoutingContext ctx, ProblemType type, VertxPlatformHttpRouter routes) {
        if (ctx.response().headWritten()) {
            return;
        }
        String detail = switch (type) {
            case NOT_FOUND -> "Nothing is served at this path";
            case METHOD_NOT_ALLOWED -> "This path does not take " + ctx.request().method().name();
            case NOT_ACCEPTABLE -> "This path cannot answer any media type of the Accept header";
            case UNSUPPORTED_MEDIA_TYPE ->
                    "This path does not take a body of this Content-Type (JSON endpoints take application/json)";
            default -> "The request body is too large";
        };
        if (type == ProblemType.METHOD_NOT_ALLOWED) {
            ctx.response().putHeader("Allow", String.join(", ", allowedMethods(routes, ctx.normalizedPath())));
        }
        ctx.response().setStatusCode(type.status())
                .putHeader("Content-Type", ProblemJson.MEDIA_TYPE)
                .end(Buffer.buffer(ProblemJson.render(type, detail, ctx.request().path())));
        sendNow(ctx);
    }

    /** The methods of the routes whose path template matches {@code path} (the root router does not know them). */
    private static Set<String> allowedMethods(VertxPlatformHttpRouter routes, String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes.getRoutes()) {
            if (route.getPath() != null && route.methods() != null && template(route).matcher(path).matches()) {
                route.methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
        }
        return methods;
    }

    /** A route's path ({@code /v1/downloads/:key}; not exact: a prefix) as a regular expression. */
    private static Pattern template(Route route) {
        StringBuilder regex = new StringBuilder();
        for (String part : route.getPath().split("(?=/)")) {
            regex.append(part.startsWith("/:") ? "/[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex + (route.isExactPath() ? "/?" : ".*"));
    }
}
