package io.sqsextended.chain.consumer.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * An EventBridge event (a rule's SQS target writes the whole event) whose {@code detail} carries a message: the
 * extended-client pointer itself, or the SQS record a pipe from the extended client's queue forwards (its
 * {@code body} and {@code messageAttributes}, where the size attribute then lives).
 */
final class EventBridgeEnvelope {

    private EventBridgeEnvelope() {
    }

    static boolean isEnvelope(JsonNode json) {
        JsonNode detail = json.path("detail");
        return json.path("detail-type").isTextual() && json.path("source").isTextual()
                && (detail.isArray() || isSqsRecord(detail));
    }

    /** The message inside, with the attributes the record carried; id and send time are the wrapper's message's. */
    static IncomingMessage message(JsonNode json, IncomingMessage wrapper) {
        JsonNode detail = json.get("detail");
        if (!isSqsRecord(detail)) {
            return new IncomingMessage(wrapper.messageId(), detail.toString(), Map.of(), wrapper.sentAt());
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        detail.path("messageAttributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                MessageAttributeValue.builder().dataType(field.getValue().path("dataType").asText("String"))
                        .stringValue(field.getValue().path("stringValue").asText()).build()));
        return new IncomingMessage(wrapper.messageId(), detail.get("body").textValue(), attributes, wrapper.sentAt());
    }

    /** An SQS message as Lambda and EventBridge Pipes write it. */
    private static boolean isSqsRecord(JsonNode detail) {
        return "aws:sqs".equals(detail.path("eventSource").asText()) && detail.path("body").isTextual();
    }
}
