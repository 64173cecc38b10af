package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sqsextended.chain.local.template.ProvisionedStack.CorsRule;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * CORS as S3 applies a bucket's rules: a preflight ({@code OPTIONS}) is answered here, allowed or refused (403), and an
 * allowed origin's request gets Access-Control-Allow-Origin and the exposed headers; the rules are the template's.
 */
final class S3Cors extends HandlerWrapper {

    private final Map<String, List<CorsRule>> rulesByBucket;

    private S3Cors(Map<String, List<CorsRule>> rulesByBucket) {
        this.rulesByBucket = Map.copyOf(rulesByBucket);
    }

    /** Before {@link S3Proxy#start()}. */
    static void install(S3Proxy proxy, Map<String, List<CorsRule>> rulesByBucket) {
        ProxyHandlers.insert(proxy, new S3Cors(rulesByBucket));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        String[] path = request.getRequestURI().split("/", 3);
        List<CorsRule> rules = path.length > 1 ? rulesByBucket.getOrDefault(path[1], List.of()) : List.of();
        String preflightMethod = request.getHeader("Access-Control-Request-Method");
        if (request.getMethod().equals("OPTIONS") && preflightMethod != null) {
            List<String> headers = Optional.ofNullable(request.getHeader("Access-Control-Request-Headers")).stream()
                    .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(h -> !h.isEmpty())
                    .toList();
            Optional<CorsRule> rule = rules.stream()
                    .filter(r -> r.allows(origin, preflightMethod, headers)).findFirst();
            if (rule.isEmpty()) {
                S3ErrorResponse.send(baseRequest, response, 403, "AccessForbidden",
                        "CORSResponse: This CORS request is not allowed.");
                return;
            }
            allow(response, origin, rule.get());
            response.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.get().allowedMethods()));
            if (!headers.isEmpty()) {
                response.setHeader("Access-Control-Allow-Headers", String.join(", ", headers));
            }
            if (rule.get().maxAgeSeconds() > 0) {
                response.setHeader("Access-Control-Max-Age", String.valueOf(rule.get().maxAgeSeconds()));
            }
            response.setStatus(200);
            baseRequest.setHandled(true);
            return;
        }
        rules.stream().filter(r -> r.allows(origin, request.getMethod(), List.of())).findFirst()
                .ifPresent(rule -> allow(response, origin, rule));
        super.handle(target, baseRequest, request, new WithoutProxyCors(response));
    }

    /** S3Proxy's own CORS is one rule for all buckets, any origin by default: the bucket's rules answer instead. */
    private static final class WithoutProxyCors extends HttpServletResponseWrapper {

        WithoutProxyCors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!isCors(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!isCors(name)) {
                super.addHeader(name, value);
            }
        }

        private static boolean isCors(String name) {
            return name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length());
        }
    }

    private static void allow(HttpServletResponse response, String origin, CorsRule rule) {
        response.setHeader("Access-Control-Allow-Origin", rule.allowedOrigins().contains("*") ? "*" : origin);
        response.setHeader("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        if (!rule.exposedHeaders().isEmpty()) {
            response.setHeader("Access-Control-Expose-Headers", String.join(", ", rule.exposedHeaders()));
        }
    }
}
