package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.api.ProblemJson;

/**
 * A client of the presign API and of the URLs it hands out, as producers and consumers use them: plain HTTP/1.1.
 * Public where the benchmarks (bench/) load the API through it.
 */
public final class ApiClient {

    public static final String PRODUCER = "dev-producer-token";
    public static final String CONSUMER = "dev-consumer-token";
    public static final String ADMIN = "dev-admin-token";
    public static final ObjectMapper JSON = new ObjectMapper();
    // HttpClient sets these itself (and refuses them); the body length equals the signed Content-Length
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private final URI api;
    private final boolean expectContinue;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public ApiClient(URI api) {
        this(api, true);
    }

    private ApiClient(URI api, boolean expectContinue) {
        this.api = api;
        this.expectContinue = expectContinue;
    }

    /**
     * PUTs without {@code Expect: 100-continue}, as the CLI and browsers
     * send them: moto answers it with two 100 responses, and the
     * JDK's HttpClient takes the second for the final answer.
     */
    public static ApiClient withoutExpectContinue(URI api) {
        return new ApiClient(api, false);
    }

    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Reply postJson(String path, String token, Object body) {
        return send("POST", path, token, "application/json", json(body));
    }

    /** Any request to the API; null {@code token} or {@code contentType} leaves the header out. */
    public Reply send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** A request with exactly these headers, e.g. a presigned PUT with the headers the API answered. */
    public Reply put(String url, Map<String, String> headers, byte[] body) {
        // Expect: 100-continue, as the AWS SDKs send: S3 refuses before the body is sent, not halfway through it
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).expectContinue(expectContinue)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        // a connection of its own: S3 may close one after refusing a request, and a pooled one could be that one
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), request.build());
    }

    /** {@code POST /v1/uploads} of {@code length} octet-stream bytes in {@code traceparent}'s trace. */
    public Reply createUpload(String token, String traceparent, long length) {
        return send(HttpRequest.newBuilder(api.resolve("/v1/uploads")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(Map.of("contentType", "application/octet-stream",
                        "contentLength", length)))).build());
    }

    /** {@code POST /v1/uploads/complete} of a multipart plan with these parts. */
    public Reply complete(String token, JsonNode plan, List<Map<String, Object>> parts) {
        return postJson("/v1/uploads/complete", token, Map.of("key", plan.get("key").asText(),
                "uploadId", plan.get("uploadId").asText(), "parts", parts));
    }

    /** {@code DELETE /v1/uploads/{uploadId}?key=}. */
    public Reply abort(String token, String uploadId, String key) {
        return send("DELETE", "/v1/uploads/" + encode(uploadId) + "?key=" + encode(key), token, null, null);
    }

    /** {@code GET /v1/uploads/{uploadId}?key=&contentLength=&partSize=} of a multipart plan. */
    public Reply resume(String token, JsonNode plan, long contentLength) {
        return apiGet("/v1/uploads/" + encode(plan.get("uploadId").asText()) + "?key="
                + encode(plan.get("key").asText())
                + "&contentLength=" + contentLength + "&partSize=" + plan.get("partSize").asLong(), token);
    }

    /** The object's bytes, through {@code POST /v1/downloads} and its presigned GET. */
    public byte[] download(String consumerToken, String key) {
        return get(postJson("/v1/downloads", consumerToken, Map.of("key", key)).json().get("url").asText()).body();
    }

    /** An API GET with a bearer token; redirects are not followed. */
    public Reply apiGet(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public Reply send(HttpRequest request) {
        return send(http, request);
    }

    private static Reply send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A problem answer: status, media type and the RFC 9457 members, consistent with each other. */
    public static JsonNode problem(Reply reply) {
        JsonNode problem = reply.json();
        if (!ProblemJson.MEDIA_TYPE.equals(reply.header("Content-Type"))
                || problem.path("status").asInt() != reply.status()
                || !problem.path("type").asText().startsWith("urn:sqs-extended-chain:problem:")
                || problem.path("title").asText().isEmpty()
                || problem.path("detail").asText().isEmpty()) {
            throw new AssertionError("Not a problem answer: " + reply.status() + " " + reply.headers() + " "
                    + reply.text());
        }
        return problem;
    }

    public static byte[] json(Object value) {
        try {
            return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * PUTs each part of a multipart plan with its slice of {@code body}; the parts with their ETags, to complete with.
     */
    public List<Map<String, Object>> uploadParts(JsonNode plan, byte[] body) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (JsonNode part : plan.get("parts")) {
            parts.add(uploadPart(plan, part, body));
        }
        return parts;
    }

    /**
     * PUTs one part of a plan ({@code part}: an entry of its {@code parts}) with its slice of {@code body}; the part
     * with its ETag.
     */
    public Map<String, Object> uploadPart(JsonNode plan, JsonNode part, byte[] body) {
        int number = part.get("partNumber").asInt();
        int from = (int) ((number - 1) * plan.get("partSize").asLong());
        Reply put = put(part.get("url").asText(), Map.of(),
                Arrays.copyOfRange(body, from, (int) (from + part.get("size").asLong())));
        if (put.status() != 200) {
            throw new AssertionError("Part " + number + " not uploaded: " + put.status() + " " + put.text());
        }
        return new HashMap<>(Map.of("partNumber", number, "eTag", put.header("ETag")));
    }

    public static Map<String, String> headersOf(JsonNode ticket) {
        return JSON.convertValue(ticket.get("headers"), JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
    }

    /** The key as a URL path: slashes kept, every segment percent-encoded (a '+' as %2B). */
    public static String rawPath(String key) {
        return Arrays.stream(key.split("/")).map(ApiClient::encode).collect(Collectors.joining("/"));
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
