package io.sqsextended.chain.producer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.presign.UploadRules;
import io.sqsextended.chain.wire.QueueUrl;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code direct:publish}: sends the body (String, bytes or stream) to a queue, offloaded to S3 when large.
 * In: header {@code ChainQueue} (queue name, default {@code chain.extended.queue}), {@code ChainMessageAttributes}
 * (a {@code Map} of String attributes), {@code Content-Type}, {@code Content-Length} (for streams).
 * Out: body {@link PublishResult}; headers {@code ChainMessageId}, {@code ChainPayloadOffloaded}.
 */
public class PublishRoutes extends RouteBuilder {

    public static final String QUEUE = "ChainQueue";
    public static final String MESSAGE_ATTRIBUTES = "ChainMessageAttributes";
    public static final String MESSAGE_ID = "ChainMessageId";
    public static final String OFFLOADED = "ChainPayloadOffloaded";

    private final Map<String, QueueUrl> queueUrls = new ConcurrentHashMap<>();

    @Override
    public void configure() {
        SqsClient sqs = getContext().getRegistry().findSingleByType(SqsClient.class);
        ChainConfig config = ChainConfig.of(getContext());
        ProducerSettings producer = config.get(ProducerSettings.GROUP);
        ExtendedPublisher publisher = new ExtendedPublisher(getContext().getRegistry().findSingleByType(S3Client.class), sqs,
                producer.extended());
        getContext().getRegistry().bind("extendedPublisher", publisher);
        String defaultQueue = producer.queue();
        PresignSettings limits = config.get(PresignSettings.GROUP);
        getContext().getRegistry().bind("messagesEndpoint", new MessagesEndpoint(publisher,
                new UploadRules(limits.allowedContentTypes(), limits.maxSize()), limits.maxSize(), () -> queueUrl(sqs, defaultQueue)));

        from("direct:publish").routeId("extended-publish")
                .process(exchange -> {
                    String queue = exchange.getMessage().getHeader(QUEUE, defaultQueue, String.class);
                    PublishResult result = publisher.publish(queueUrl(sqs, queue), outgoing(exchange));
                    exchange.getMessage().setHeader(MESSAGE_ID, result.messageId());
                    exchange.getMessage().setHeader(OFFLOADED, result.offloaded());
                    exchange.getMessage().setBody(result);
                });
    }

    private String queueUrl(SqsClient sqs, String queue) {
        return queueUrls.computeIfAbsent(queue, q -> new QueueUrl(sqs, q)).get();
    }

    private static OutgoingMessage outgoing(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE,
                body instanceof String ? "text/plain; charset=utf-8" : "application/octet-stream", String.class);
        OutgoingMessage message;
        if (body instanceof String text) {
            message = OutgoingMessage.of(text.getBytes(StandardCharsets.UTF_8), contentType);
        } else if (body instanceof byte[] bytes) {
            message = OutgoingMessage.of(bytes, contentType);
        } else {
            long length = in.getHeader(Exchange.CONTENT_LENGTH, -1L, Long.class);
            message = OutgoingMessage.of(in.getMandatoryBody(InputStream.class), length, contentType);
        }
        Map<?, ?> attributes = in.getHeader(MESSAGE_ATTRIBUTES, Map.of(), Map.class);
        return message.withAttributes(attributes.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toString(), e -> OutgoingMessage.stringAttribute(e.getValue().toString()))));
    }
}
