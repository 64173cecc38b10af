package io.sqsextended.chain.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.CapturedLogs;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.UniqueSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A normal session (upload ticket, presigned PUT, the consumer chain's built-in downstream, download ticket, presigned
 * GET, redirect) with the app's own packages at DEBUG: no token, signature or secret key in any log line.
 */
class LogHygieneTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static CapturedLogs logs;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .property(ConsumerSettings.DOWNSTREAM_URI.name(), "direct:downstream")
            .beforeStart(c -> {
                logs = c.closing(CapturedLogs.open("log-hygiene"));
                Configurator.setLevel("io.sqsextended.chain", Level.DEBUG);
                c.closing(() -> Configurator.setLevel("io.sqsextended.chain", Level.INFO));
            });

    @Test
    void aWholeUploadAndDownloadSessionLogsNoTokenSignatureOrSecretKey() throws Exception {
        byte[] body = "a payload for the log check".getBytes();
        JsonNode ticket = json(post("/v1/uploads", UniqueSecrets.PRODUCER_TOKEN,
                "{\"contentType\":\"text/plain\",\"contentLength\":" + body.length + ",\"fileName\":\"hygiene.txt\"}"));
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Iterator<Map.Entry<String, JsonNode>> it = ticket.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (!header.getKey().equalsIgnoreCase("content-length") && !header.getKey().equalsIgnoreCase("host")) {
                put.header(header.getKey(), header.getValue().asText());
            }
        }
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        String key = ticket.get("key").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> logs.count("Payload s3-event") > 0 && logs.lines().stream()
                .anyMatch(line -> line.contains("Payload s3-event") && line.contains(key)));

        JsonNode download = json(post("/v1/downloads", UniqueSecrets.CONSUMER_TOKEN, "{\"key\":\"" + key + "\"}"));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(download.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray())
                .body()).isEqualTo(body);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(chain.api() + "/v1/downloads/" + key))
                .header("Authorization", "Bearer " + UniqueSecrets.CONSUMER_TOKEN).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(307);
        assertThat(post("/v1/downloads", "not-a-token", "{\"key\":\"" + key + "\"}").statusCode()).isEqualTo(401);

        logs.assertNoSecrets(UniqueSecrets.secrets());
    }

    private static HttpResponse<String> post(String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(chain.api() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }
}
