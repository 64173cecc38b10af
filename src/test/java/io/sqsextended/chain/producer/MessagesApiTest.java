package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.wire.PayloadPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /v1/messages publishes the request body as the AWS extended clients would: inline or offloaded. */
class MessagesApiTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    @Test
    void aSmallBodyIsQueuedInlineWithItsAttributes() throws Exception {
        HttpResponse<String> response = post("dev-producer-token", "text/plain",
                HttpRequest.BodyPublishers.ofString("hello queue"),
                "x-message-attribute-origin", "test-suite");

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(answer.get("offloaded").asBoolean()).isFalse();
        Message queued = receive(answer.get("messageId").asText());
        assertThat(queued.body()).isEqualTo("hello queue");
        assertThat(queued.messageAttributes().get("origin").stringValue()).isEqualTo("test-suite");
    }

    @Test
    void aBodyOverTheThresholdIsOffloadedToS3AndAPointerIsQueued() throws Exception {
        byte[] payload = new byte[300 * 1024];
        Arrays.fill(payload, (byte) 'x');

        HttpResponse<String> response = post("dev-producer-token", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray(payload));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(answer.get("offloaded").asBoolean()).isTrue();
        String key = answer.get("key").asText();
        assertThat(key).startsWith("offload/");
        assertThat(receive(answer.get("messageId").asText()).body()).contains(PayloadPointer.POINTER_CLASS, key);
        assertThat(chain.s3().getObjectAsBytes(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key))
                .asByteArray())
                .isEqualTo(payload);
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsStreamedToS3AndItsSizeCounted() throws Exception {
        byte[] payload = new byte[6 * 1024 * 1024 + 7];
        Arrays.fill(payload, (byte) 'c');

        HttpResponse<String> response = post("dev-producer-token", "application/octet-stream",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(answer.get("size").asLong()).isEqualTo(payload.length);
        assertThat(receive(answer.get("messageId").asText()).messageAttributes().get(PayloadPointer.SIZE_ATTRIBUTE)
                .stringValue())
                .isEqualTo(String.valueOf(payload.length));
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() throws Exception {
        HttpResponse<String> response = post(null, "text/plain", HttpRequest.BodyPublishers.ofString("x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aConsumerTokenMayNotPublish() throws Exception {
        assertThat(post("dev-consumer-token", "text/plain", HttpRequest.BodyPublishers.ofString("x")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aContentTypeOutsideTheAllowListIsRefused() throws Exception {
        HttpResponse<String> response = post("dev-producer-token", "application/x-msdownload",
                HttpRequest.BodyPublishers.ofString("x"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("content-type-not-allowed");
    }

    @Test
    void anAttributeNameSqsWouldRefuseIsA400() throws Exception {
        HttpResponse<String> response = post("dev-producer-token", "text/plain",
                HttpRequest.BodyPublishers.ofString("x"),
                "x-message-attribute-AWS.reserved", "v");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theSizeAttributeNameIsReservedForOffloadedPayloads() throws Exception {
        HttpResponse<String> response = post("dev-producer-token", "text/plain",
                HttpRequest.BodyPublishers.ofString("x"),
                "x-message-attribute-ExtendedPayloadSize", "1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("reserved");
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(chain.api().resolve("/v1/messages")).GET()
                .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    private static HttpResponse<String> post(String token, String contentType, HttpRequest.BodyPublisher body,
            String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(chain.api() + "/v1/messages"))
                .header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Message receive(String messageId) {
        return await().until(() -> chain.sqs()
                .receiveMessage(r -> r.queueUrl(chain.queues().queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages().stream().filter(m -> m.messageId().equals(messageId))
                        .findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
