package io.sqsextended.chain.local.s3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded S3 answers browsers as S3 does with the bucket's CORS rule of the template (local mode: any port of
 * localhost).
 */
class S3CorsTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPreflightFromTheApisOriginMayPutWithTheUploadsHeaders() throws Exception {
        HttpResponse<String> reply = preflight(chain.api().getScheme() + "://localhost:" + chain.api().getPort());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:" + chain.api().getPort());
        assertThat(reply.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(reply.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("content-type, x-amz-checksum-crc64nvme");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefusedWithoutCorsHeaders() throws Exception {
        HttpResponse<String> reply = preflight("https://elsewhere.example");

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aPresignedPutFromTheApisOriginExposesItsETag() throws Exception {
        JsonNode ticket = new ApiClient(chain.api()).postJson("/v1/uploads", ApiClient.PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 5)).json();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("hello"))
                        .header("Origin", "http://127.0.0.1:" + chain.api().getPort());
        ApiClient.headersOf(ticket).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                put.header(name, value);
            }
        });

        HttpResponse<String> reply = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().allValues("Access-Control-Allow-Origin"))
                .containsExactly("http://127.0.0.1:" + chain.api().getPort());
        assertThat(reply.headers().allValues("Access-Control-Expose-Headers")).containsExactly("ETag");
    }

    @Test
    void aGetFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        URI bucket = chain.clientSettings().s3Endpoint()
                .resolve("/" + chain.property(ChainKeys.BUCKET.name()) + "/input/absent.bin");
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(bucket)
                .header("Origin", "https://elsewhere.example").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        URI object = chain.clientSettings().s3Endpoint()
                .resolve("/" + chain.property(ChainKeys.BUCKET.name()) + "/input/cors.bin");
        HttpRequest request = HttpRequest.newBuilder(object).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type, x-amz-checksum-crc64nvme").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
