package io.sqsextended.chain.wire;

import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The message attribute with which the extended producer marks a body it publishes inline: the consumer delivers
 * such a body as it is, never as a pointer or an event it names, so that no producer's bytes are taken for a
 * reference to someone else's object. The AWS libraries ignore it; their inline messages are read as before.
 */
public final class InlineMark {

    public static final String ATTRIBUTE = "ChainInline";
    public static final MessageAttributeValue VALUE = MessageAttributeValue.builder().dataType("String")
            .stringValue("true").build();

    private InlineMark() {
    }

    public static boolean isMarked(Map<String, MessageAttributeValue> attributes) {
        return attributes.containsKey(ATTRIBUTE);
    }
}
