package io.sqsextended.chain.presign;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.config.ChainKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * chain.public-url and chain.local.public-endpoint: the addresses clients reach (a port mapping, a proxy keeping
 * the Host header) rather than the ones the servers listen on. Here the servers listen on 127.0.0.1 and clients
 * reach them as localhost.
 */
class PublicAddressTest {

    private static final String PUBLIC_URL = "https://chain.example.com";

    static int s3Port;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().beforeStart(c -> s3Port = freePort())
            .property(ChainKeys.LOCAL_S3_PORT.name(), c -> String.valueOf(s3Port))
            .property(ChainKeys.LOCAL_PUBLIC_ENDPOINT.name(), c -> "http://localhost:" + s3Port)
                    .property(ChainKeys.PUBLIC_URL.name(), PUBLIC_URL);

    @Test
    void presignedUrlsNameThePublicEndpointAndTheEmbeddedS3AcceptsThemThroughIt() {
        byte[] body = "reached as localhost".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = chain.client()
                .postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", body.length))
                .json();
        URI url = URI.create(ticket.get("url").asText());

        assertThat(url.getHost() + ":" + url.getPort()).isEqualTo("localhost:" + s3Port);
        assertThat(chain.client().put(url.toString(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);
    }

    @Test
    void theSignatureCoversThePublicHostSoAnotherNameOfTheSameServerIsRefused() {
        JsonNode ticket = chain.client()
                .postJson("/v1/uploads", PRODUCER, Map.of("contentType", "text/plain", "contentLength", 3)).json();
        String viaBindAddress = ticket.get("url").asText().replace("//localhost:", "//127.0.0.1:");

        assertThat(chain.client().put(viaBindAddress, ApiClient.headersOf(ticket), new byte[3]).status())
                .isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentNamesThePublicUrlAsItsServer() {
        JsonNode document = chain.client().apiGet("/v1/openapi.json", null).json();

        assertThat(document.get("servers")).hasSize(1);
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo(PUBLIC_URL);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
