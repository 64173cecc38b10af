package io.sqsextended.chain.presign;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * chain.aws.s3-public-endpoint: in aws mode the app may reach S3 at an address its clients cannot (LocalStack as
 * {@code localstack:4566} inside compose). Here the app reaches the stack as 127.0.0.1, its clients as localhost.
 */
class AwsModePublicAddressTest {

    private static final String TOKEN = "aws-mode-producer-token";
    private static final String CONSUMER_TOKEN = "aws-mode-consumer-token";

    static LocalAws stack;
    static int s3Port;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().beforeStart(c -> {
        stack = TestStacks.start(TestStacks.settings(c.dir("stack")));
        c.closing(stack::stop);
        s3Port = stack.clientSettings().s3Endpoint().getPort();
    }).properties(Map.of(ChainKeys.MODE.name(), "aws", ChainKeys.REGION.name(), "us-east-1",
            AuthSettings.PRODUCER_TOKENS.name(), TOKEN,
            AuthSettings.CONSUMER_TOKENS.name(), CONSUMER_TOKEN, AuthSettings.ADMIN_TOKENS.name(), ""))
            .property(ChainKeys.AWS_S3_ENDPOINT.name(), c -> stack.clientSettings().s3Endpoint().toString())
            .property(ChainKeys.AWS_SQS_ENDPOINT.name(), c -> stack.clientSettings().sqsEndpoint().toString())
            .property(ChainKeys.AWS_ACCESS_KEY.name(), c -> stack.clientSettings().accessKey())
            .property(ChainKeys.AWS_SECRET_KEY.name(), c -> stack.clientSettings().secretKey())
            .property(ChainKeys.BUCKET.name(), c -> stack.outputs().get("BucketName"))
            .property(ChainKeys.QUEUE.name(), c -> stack.outputs().get("NotificationQueueName"))
            .property(ChainKeys.DEAD_LETTER_QUEUE.name(), c -> stack.outputs().get("DeadLetterQueueName"))
            .property(ChainKeys.AWS_S3_PUBLIC_ENDPOINT.name(), c -> "http://localhost:" + s3Port);

    @Test
    void presignedUrlsNameThePublicEndpointAndS3AcceptsThemThroughIt() {
        byte[] body = "reached as localhost".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = chain.client()
                .postJson("/v1/uploads", TOKEN, Map.of("contentType", "text/plain", "contentLength", body.length))
                .json();
        URI url = URI.create(ticket.get("url").asText());

        assertThat(url.getHost() + ":" + url.getPort()).isEqualTo("localhost:" + s3Port);
        assertThat(chain.client().put(url.toString(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);
    }

    @Test
    void downloadsAreCheckedThroughTheAppsOwnEndpointAndServedThroughThePublicOne() {
        byte[] body = "headed by the app".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = chain.client()
                .postJson("/v1/uploads", TOKEN, Map.of("contentType", "text/plain", "contentLength", body.length))
                .json();
        chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body);

        // a download ticket HEADs the object first, through the app's own client
        JsonNode download = chain.client()
                .postJson("/v1/downloads", CONSUMER_TOKEN, Map.of("key", ticket.get("key").asText())).json();

        assertThat(URI.create(download.get("url").asText()).getHost()).isEqualTo("localhost");
        assertThat(chain.client().get(download.get("url").asText()).body()).isEqualTo(body);
    }
}
