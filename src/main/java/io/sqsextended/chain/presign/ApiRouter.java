package io.sqsextended.chain.presign;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final List<String> API_PATHS = List.of("/v1/uploads", "/v1/downloads", "/presign");

    private ApiRouter() {
    }

    static void install(VertxPlatformHttpRouter routes) {
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
        } else {
            LOG.warn("The HTTP server has no Vert.x router at its root: unmatched requests get Vert.x's default answers");
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
            case UNSUPPORTED_MEDIA_TYPE -> "This path does not take a body of this Content-Type (JSON endpoints take application/json)";
            default -> "The request body is too large";
        };
        if (type == ProblemType.METHOD_NOT_ALLOWED) {
            ctx.response().putHeader("Allow", String.join(", ", allowedMethods(routes, ctx.normalizedPath())));
        }
        ctx.response().setStatusCode(type.status())
                .putHeader("Content-Type", ProblemJson.MEDIA_TYPE)
                .end(Buffer.buffer(ProblemJson.render(type, detail, ctx.request().path())));
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
