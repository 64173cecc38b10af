package io.sqsextended.chain.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The app's readiness on its management port. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Readiness() {
    }

    /** The status of {@code /observe/health/ready} (200 ready, 503 not), or -1 without an answer. */
    static int status(URI management) {
        try {
            return HTTP.send(HttpRequest.newBuilder(management.resolve("/observe/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
