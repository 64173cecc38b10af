package io.sqsextended.chain.producer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.presign.PresignConfiguration;
import io.sqsextended.chain.presign.PresignRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code messages-publish}: {@code POST /v1/messages} ({@link MessagesEndpoint}, with the presign API's token check
 * and error handling). {@code direct:publish}: sends the body (String, bytes or stream) to a queue, offloaded to S3
 * when large.
 * In: header {@code ChainQueue} (queue name, default {@code chain.extended.queue}), {@code ChainMessageAttributes}
 * (a {@code Map} of String attributes), {@code Content-Type}, {@code Content-Length} (for streams); for a FIFO queue
 * {@code ChainMessageGroupId} and {@code ChainMessageDeduplicationId} (unless the queue deduplicates by content).
 * Out: body {@link PublishResult}; headers {@code ChainMessageId}, {@code ChainPayloadOffloaded}.
 */
public class PublishRoutes extends RouteBuilder {

    public static final String QUEUE = "ChainQueue";
    public static final String MESSAGE_ATTRIBUTES = "ChainMessageAttributes";
    public static final String MESSAGE_GROUP_ID = "ChainMessageGroupId";
    public static final String MESSAGE_DEDUPLICATION_ID = "ChainMessageDeduplicationId";
    public static final String MESSAGE_ID = "ChainMessageId";
    public static final String OFFLOADED = "ChainPayloadOffloaded";

    @Override
    public void configure() {
        ExtendedPublisher publisher = bean(ProducerConfiguration.PUBLISHER, ExtendedPublisher.class);
        QueueUrls queueUrls = bean(ProducerConfiguration.QUEUE_URLS, QueueUrls.class);
        String defaultQueue = ChainConfig.of(getContext()).get(ProducerSettings.GROUP).queue();

        from("direct:publish").routeId("extended-publish")
                .process(exchange -> {
                    String queue = exchange.getMessage().getHeader(QUEUE, defaultQueue, String.class);
                    PublishResult result = publish(publisher, queueUrls.of(queue), outgoing(exchange));
                    exchange.getMessage().setHeader(MESSAGE_ID, result.messageId());
                    exchange.getMessage().setHeader(OFFLOADED, result.offloaded());
                    exchange.getMessage().setBody(result);
                });

        // not a Rest DSL verb: it needs useStreaming, an endpoint option (the body never has to fit in memory)
        from("platform-http:/v1/messages?httpMethodRestrict=POST&useStreaming=true").routeId("messages-publish")
                .routeConfigurationId(PresignRoutes.ERRORS)
                .process(bean(PresignConfiguration.TOKENS, TokenAuthenticator.class).admitting(Role.PRODUCER))
                .bean(ProducerConfiguration.MESSAGES_ENDPOINT, "publish")
                .bean(PresignConfiguration.REPLIES, "write");
    }

    private <T> T bean(String name, Class<T> type) {
        return getContext().getRegistry().lookupByNameAndType(name, type);
    }

    private static PublishResult publish(ExtendedPublisher publisher, String queueUrl, OutgoingMessage message) {
        try {
            return publisher.publish(queueUrl, message);
        } catch (FifoIdException e) {
            throw new IllegalArgumentException(e.detail(MESSAGE_GROUP_ID, MESSAGE_DEDUPLICATION_ID), e);
        }
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
                e -> e.getKey().toString(), e -> OutgoingMessage.stringAttribute(e.getValue().toString()))))
                .inGroup(in.getHeader(MESSAGE_GROUP_ID, String.class), in.getHeader(MESSAGE_DEDUPLICATION_ID,
                        String.class));
    }
}
