package io.sqsextended.chain.presign;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.TestStacks;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * chain.aws.s3-public-endpoint: in aws mode the app may reach S3 at an address its clients cannot (LocalStack as
 * {@code localstack:4566} inside compose). Here the app reaches the stack as 127.0.0.1, its clients as localhost.
 */
class AwsModePublicAddressTest {

    private static final String TOKEN = "aws-mode-producer-token";
    private static final String CONSUMER_TOKEN = "aws-mode-consumer-token";

    @TempDir
    static Path dataDir;
    static LocalAws stack;
    static ChainApp app;
    static ApiClient client;
    static int s3Port;

    @BeforeAll
    static void startStackAndApp() throws Exception {
        stack = TestStacks.start(TestStacks.settings(dataDir.resolve("stack")));
        AwsSettings aws = stack.clientSettings();
        URI s3 = aws.s3Endpoint();
        s3Port = s3.getPort();
        app = ChainApp.builder(dataDir.resolve("app"))
                .properties(Map.of("chain.mode", "aws", "chain.region", "us-east-1", "chain.aws.s3-endpoint-override", s3.toString(),
                        "chain.aws.sqs-endpoint-override", aws.sqsEndpoint().toString(),
                        "chain.aws.access-key", aws.accessKey(), "chain.aws.secret-key", aws.secretKey()))
                .properties(Map.of("chain.bucket", stack.outputs().get("BucketName"),
                        "chain.queue", stack.outputs().get("NotificationQueueName"), "chain.dead-letter-queue", stack.outputs().get("DeadLetterQueueName")))
                .properties(Map.of("chain.auth.producer-tokens", TOKEN, "chain.auth.consumer-tokens", CONSUMER_TOKEN,
                        "chain.auth.admin-tokens", "", "chain.aws.s3-public-endpoint", "http://localhost:" + s3Port))
                .start();
        client = new ApiClient(app.api());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        stack.stop();
    }

    @Test
    void presignedUrlsNameThePublicEndpointAndS3AcceptsThemThroughIt() {
        byte[] body = "reached as localhost".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = client.postJson("/v1/uploads", TOKEN, Map.of("contentType", "text/plain", "contentLength", body.length)).json();
        URI url = URI.create(ticket.get("url").asText());

        assertThat(url.getHost() + ":" + url.getPort()).isEqualTo("localhost:" + s3Port);
        assertThat(client.put(url.toString(), ApiClient.headersOf(ticket), body).status()).isEqualTo(200);
    }

    @Test
    void downloadsAreCheckedThroughTheAppsOwnEndpointAndServedThroughThePublicOne() {
        byte[] body = "headed by the app".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = client.postJson("/v1/uploads", TOKEN, Map.of("contentType", "text/plain", "contentLength", body.length)).json();
        client.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body);

        // a download ticket HEADs the object first, through the app's own client
        JsonNode download = client.postJson("/v1/downloads", CONSUMER_TOKEN, Map.of("key", ticket.get("key").asText())).json();

        assertThat(URI.create(download.get("url").asText()).getHost()).isEqualTo("localhost");
        assertThat(client.get(download.get("url").asText()).body()).isEqualTo(body);
    }
}
