package io.sqsextended.chain.presign;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.ChainApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sqsextended.chain.presign.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * chain.public-url and chain.local.public-endpoint: the addresses clients reach (a port mapping, a proxy keeping
 * the Host header) rather than the ones the servers listen on. Here the servers listen on 127.0.0.1 and clients
 * reach them as localhost.
 */
class PublicAddressTest {

    private static final String PUBLIC_URL = "https://chain.example.com";

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ApiClient client;
    static int s3Port;

    @BeforeAll
    static void startApp() throws Exception {
        s3Port = freePort();
        app = ChainApp.builder(dataDir).properties(Map.of("chain.local.s3-port", String.valueOf(s3Port),
                "chain.local.public-endpoint", "http://localhost:" + s3Port, "chain.public-url", PUBLIC_URL)).start();
        client = new ApiClient(app.api());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void presignedUrlsNameThePublicEndpointAndTheEmbeddedS3AcceptsThemThroughIt() {
        byte[] body = "reached as localhost".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = client.postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", body.length)).json();
        URI url = URI.create(ticket.get("url").asText());

        assertThat(url.getHost() + ":" + url.getPort()).isEqualTo("localhost:" + s3Port);
        assertThat(client.put(url.toString(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);
    }

    @Test
    void theSignatureCoversThePublicHostSoAnotherNameOfTheSameServerIsRefused() {
        JsonNode ticket = client.postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", 3)).json();
        String viaBindAddress = ticket.get("url").asText().replace("//localhost:", "//127.0.0.1:");

        assertThat(client.put(viaBindAddress, ApiClient.headersOf(ticket), new byte[3]).status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentNamesThePublicUrlAsItsServer() {
        JsonNode document = client.apiGet("/v1/openapi.json", null).json();

        assertThat(document.get("servers")).hasSize(1);
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo(PUBLIC_URL);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
