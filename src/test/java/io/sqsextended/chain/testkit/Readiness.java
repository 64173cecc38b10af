package io.sqsextended.chain.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The app's readiness on its management port. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Readiness() {
    }

    /** The status of {@code /observe/health/ready} (200 ready, 503 not), or -1 without an answer. */
    public static int status(URI management) {
        try {
            return HTTP.send(request(management), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The message of one check in {@code /observe/health/ready} (the reason of a check DOWN), or null. Camel escapes
     * its slashes twice.
     */
    public static String message(URI management, String check) throws Exception {
        JsonNode report = new ObjectMapper()
                .readTree(HTTP.send(request(management), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode node : report.path("checks")) {
            if (check.equals(node.path("name").asText())) {
                return node.has("message") ? node.get("message").asText().replace("\\/", "/") : null;
            }
        }
        return null;
    }

    private static HttpRequest request(URI management) {
        return HttpRequest.newBuilder(management.resolve("/observe/health/ready")).timeout(Duration.ofSeconds(10))
                .build();
    }
}
