package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A payload to publish: its bytes as a stream (length -1 when unknown), its content type, and SQS message attributes.
 */
public record OutgoingMessage(InputStream body, long length, String contentType,
                              Map<String, MessageAttributeValue> attributes) {

    public OutgoingMessage {
        attributes = Map.copyOf(attributes);
    }

    public static OutgoingMessage of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public static OutgoingMessage of(byte[] bytes, String contentType) {
        return new OutgoingMessage(new ByteArrayInputStream(bytes), bytes.length, contentType, Map.of());
    }

    public static OutgoingMessage of(InputStream stream, long length, String contentType) {
        return new OutgoingMessage(stream, length, contentType, Map.of());
    }

    public OutgoingMessage withAttributes(Map<String, MessageAttributeValue> messageAttributes) {
        return new OutgoingMessage(body, length, contentType, messageAttributes);
    }

    /** A String attribute, the common case. */
    public static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
