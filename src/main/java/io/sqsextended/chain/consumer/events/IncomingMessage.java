package io.sqsextended.chain.consumer.events;

import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What the parser needs of one received SQS message.
 *
 * @param sentAt the message's SentTimestamp, or null when the consumer did not ask for it
 */
public record IncomingMessage(String messageId, String body, Map<String, MessageAttributeValue> attributes,
        Instant sentAt) {

    public IncomingMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
