package io.sqsextended.chain.producer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.testkit.ChainExtension;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/messages} and {@code direct:publish} to FIFO queues: the ids from the request's headers or the
 * exchange's, and a refusal that names the missing one as its caller gives it (a 400 over HTTP).
 */
class FifoPublishRoutesTest {

    // the producer's queue: FIFO, without content-based deduplication
    static final String PRODUCER_QUEUE = "producer-" + UUID.randomUUID() + ".fifo";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().property(ProducerSettings.QUEUE.name(), PRODUCER_QUEUE);
    static String producerQueueUrl;

    @BeforeAll
    static void createTheProducersQueue() {
        producerQueueUrl = createFifo(PRODUCER_QUEUE, false);
    }

    @Test
    void aPostedMessageLandsWithTheGroupAndDeduplicationIdOfItsHeaders() throws Exception {
        HttpResponse<String> response = post("hello group", MessagesEndpoint.GROUP_ID_HEADER, "tenant-1",
                MessagesEndpoint.DEDUPLICATION_ID_HEADER, "hello-1");

        assertThat(response.statusCode()).isEqualTo(202);
        Message queued = receive(producerQueueUrl);
        assertThat(queued.messageId()).isEqualTo(JSON.readTree(response.body()).get("messageId").asText());
        assertThat(queued.body()).isEqualTo("hello group");
        assertThat(queued.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-1")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "hello-1");
    }

    @Test
    void aPostWithoutDeduplicationIdToAQueueWithoutContentBasedDeduplicationIsA400NamingTheHeader() throws Exception {
        HttpResponse<String> response = post("no id", MessagesEndpoint.GROUP_ID_HEADER, "tenant-1");

        JsonNode problem = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.get("detail").asText()).startsWith("x-message-deduplication-id is required");
    }

    @Test
    void aPostWithoutGroupIdToAFifoQueueIsA400NamingTheHeader() throws Exception {
        HttpResponse<String> response = post("no group", MessagesEndpoint.DEDUPLICATION_ID_HEADER, "d-1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).startsWith("x-message-group-id is required");
    }

    @Test
    void directPublishSendsToAFifoQueueWithTheGroupOfItsHeader() {
        String queueUrl = createFifo("direct-" + UUID.randomUUID() + ".fifo", true);

        PublishResult result = template().requestBodyAndHeaders("direct:publish", "from a route",
                Map.of(PublishRoutes.QUEUE, queueName(queueUrl), PublishRoutes.MESSAGE_GROUP_ID, "tenant-2"),
                PublishResult.class);

        Message queued = receive(queueUrl);
        assertThat(queued.messageId()).isEqualTo(result.messageId());
        assertThat(queued.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-2");
    }

    @Test
    void directPublishWithoutDeduplicationIdFailsNamingTheHeader() {
        assertThatThrownBy(() -> template().requestBodyAndHeaders("direct:publish", "no id",
                Map.of(PublishRoutes.QUEUE, PRODUCER_QUEUE, PublishRoutes.MESSAGE_GROUP_ID, "tenant-2")))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ChainMessageDeduplicationId is required");
    }

    @Test
    void directPublishOfAGroupIdToAStandardQueueFailsNamingTheHeader() {
        String standard = "standard-" + UUID.randomUUID();
        chain.sqs().createQueue(r -> r.queueName(standard));

        assertThatThrownBy(() -> template().requestBodyAndHeaders("direct:publish", "standard",
                Map.of(PublishRoutes.QUEUE, standard, PublishRoutes.MESSAGE_GROUP_ID, "tenant-2")))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ChainMessageGroupId applies to FIFO queues only");
    }

    static ProducerTemplate template() {
        return chain.context().createProducerTemplate();
    }

    static String createFifo(String name, boolean contentBasedDeduplication) {
        return chain.sqs().createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, String.valueOf(contentBasedDeduplication))))
                .queueUrl();
    }

    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(chain.api() + "/v1/messages"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer dev-producer-token")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Message receive(String queueUrl) {
        Message message = await().until(() -> chain.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages(), m -> !m.isEmpty()).get(0);
        chain.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return message;
    }
}
