package io.sqsextended.chain.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The presign API as the client calls it: JSON with the bearer token, transient answers retried, a problem answer
 * turned into a {@link CliFailure} of its title and detail. The token goes into the Authorization header only.
 */
final class ChainApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The W3C header the API continues a trace from, and what command-line tools pass it in: TRACEPARENT. */
    private static final String TRACEPARENT = "traceparent";
    private static final Pattern W3C_TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final URI api;
    private final String token;
    private final Retries retries;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ChainApi(URI api, String token, Retries retries) {
        this.api = api;
        this.token = token;
        this.retries = retries;
    }

    Retries retries() {
        return retries;
    }

    HttpClient http() {
        return http;
    }

    JsonNode post(String path, Object body) {
        return call("POST " + path, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build());
    }

    JsonNode get(String path) {
        return call("GET " + path.replaceFirst("\\?.*", ""), request(path).GET().build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token);
        // a calling script's trace goes on through the upload (the API signs it into the object's metadata)
        String traceparent = System.getenv(TRACEPARENT.toUpperCase(Locale.ROOT));
        if (traceparent != null && W3C_TRACEPARENT.matcher(traceparent).matches()) {
            request.header(TRACEPARENT, traceparent);
        }
        return request;
    }

    private JsonNode call(String what, HttpRequest request) {
        return retries.run(what, () -> {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 500 || status == 429) {
                throw new TransientFailure(what + ": " + problem(status, response.body()));
            }
            if (status >= 400) {
                throw new CliFailure(status, problem(status, response.body()));
            }
            return JSON.readTree(response.body());
        });
    }

    /** "title: detail (status)" of a problem answer, or the status alone when the body is none. */
    private static String problem(int status, byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("title")) {
                return problem.get("title").asText() + ": " + problem.path("detail").asText() + " (" + status + ")";
            }
        } catch (IOException e) {
            // not a problem body: the status says enough
        }
        return "HTTP " + status;
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
