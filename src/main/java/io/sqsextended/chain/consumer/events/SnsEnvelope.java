package io.sqsextended.chain.consumer.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What SNS delivers to SQS without raw message delivery: only a Notification carries a message; other types are
 * refused.
 */
final class SnsEnvelope {

    private SnsEnvelope() {
    }

    /** A Notification, or another SNS message type (with its topic), which {@link #message} refuses. */
    static boolean isEnvelope(JsonNode json) {
        String type = json.path("Type").asText();
        return ("Notification".equals(type) && json.path("Message").isTextual())
                || (json.path("Type").isTextual() && json.path("TopicArn").isTextual() && json.has("Message"));
    }

    /** The notification's message, once its type and (when verified) its signature are SNS's. */
    static String message(JsonNode envelope, SnsSignatures signatures) {
        String type = envelope.get("Type").asText();
        if (!"Notification".equals(type) || !envelope.get("Message").isTextual()) {
            throw new PayloadRefusedException("SNS envelope of type " + MessageParser.abbreviate(type)
                    + " refused: only a Notification carries a message "
                    + "(confirm SNS subscriptions with SNS itself, not through the chain)");
        }
        signatures.verify(envelope);
        return envelope.get("Message").asText();
    }

    /** SNS message attributes ({@code {"Name":{"Type":"Number","Value":"1"}}}) as SQS ones, for the pointer checks. */
    static Map<String, MessageAttributeValue> attributes(JsonNode envelope) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        envelope.path("MessageAttributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                MessageAttributeValue.builder().dataType(field.getValue().path("Type").asText("String"))
                        .stringValue(field.getValue().path("Value").asText()).build()));
        return attributes;
    }
}
