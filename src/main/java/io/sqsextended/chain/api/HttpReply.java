package io.sqsextended.chain.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One HTTP answer of the presign API: what {@link ReplyWriter} puts on the wire, and nothing else.
 *
 * @param status      HTTP status
 * @param contentType media type of {@code body}, or null when there is no body
 * @param body        bytes of the body (empty for none)
 * @param headers     further response headers
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static HttpReply json(int status, Object value) {
        try {
            return new HttpReply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reply models always serialize", e);
        }
    }

    public static HttpReply text(String text) {
        return new HttpReply(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 307 keeps the method (GET) and is never cached without an explicit freshness. */
    public static HttpReply redirect(URI location) {
        return new HttpReply(307, null, new byte[0], Map.of("Location", location.toString()));
    }

    public static HttpReply noContent() {
        return new HttpReply(204, null, new byte[0], Map.of());
    }

    public static HttpReply problem(Problem problem, String instance) {
        return new HttpReply(problem.type().status(), ProblemJson.MEDIA_TYPE,
                ProblemJson.render(problem.type(), problem.detail(), instance), Map.copyOf(problem.headers()));
    }
}
