package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A payload to publish: its bytes as a stream (length -1 when unknown), its content type, SQS message attributes,
 * and for a FIFO queue its message group id and deduplication id (null: none given).
 */
public record OutgoingMessage(InputStream body, long length, String contentType,
                              Map<String, MessageAttributeValue> attributes, String messageGroupId,
                              String messageDeduplicationId) {

    public OutgoingMessage {
        attributes = Map.copyOf(attributes);
    }

    public OutgoingMessage(InputStream body, long length, String contentType,
                           Map<String, MessageAttributeValue> attributes) {
        this(body, length, contentType, attributes, null, null);
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
        return new OutgoingMessage(body, length, contentType, messageAttributes, messageGroupId,
                messageDeduplicationId);
    }

    /** For a FIFO queue: the group it is ordered in, and its deduplication id (null: the queue's content-based). */
    public OutgoingMessage inGroup(String groupId, String deduplicationId) {
        return new OutgoingMessage(body, length, contentType, attributes, groupId, deduplicationId);
    }

    /** A String attribute, the common case. */
    public static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
