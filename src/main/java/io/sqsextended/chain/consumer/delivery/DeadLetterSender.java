package io.sqsextended.chain.consumer.delivery;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.consumer.queues.SourceQueue;
import io.sqsextended.chain.tracing.TraceContext;
import io.sqsextended.chain.wire.PayloadPointer;
import io.sqsextended.chain.wire.QueueUrl;
import io.sqsextended.chain.wire.SqsLimits;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Puts the original SQS message (body and attributes as received) on the dead-letter queue of the queue it came from,
 * with attributes giving the reason. Sent with the SQS client: Camel's SQS producer would turn Number attributes into
 * Strings and drop Binary ones.
 */
public final class DeadLetterSender implements Processor {

    public static final String ERROR_CLASS = "ChainErrorClass";
    public static final String ERROR_MESSAGE = "ChainErrorMessage";
    public static final String FAILED_ROUTE = "ChainFailedRoute";
    public static final String ATTEMPTS = "ChainAttempts";
    public static final String ORIGINAL_MESSAGE_ID = "ChainOriginalMessageId";
    public static final String FAILED_AT = "ChainFailedAt";
    /** Why the message failed, for alerts and redrive decisions: a {@link FailureReason} code. */
    public static final String ERROR_REASON = "ChainErrorReason";
    /** The attributes this sender adds (a redrive removes them again). */
    public static final Set<String> FAILURE_ATTRIBUTES = Set.of(ERROR_REASON, ERROR_CLASS, ERROR_MESSAGE, FAILED_ROUTE,
            ATTEMPTS, ORIGINAL_MESSAGE_ID,
            FAILED_AT);
    /** Exchange property: delivery attempts made, counted by the error handler. */
    public static final String ATTEMPTS_PROPERTY = "ChainDeliveryAttempts";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSender.class);
    private static final int MAX_ERROR_MESSAGE = 1024;

    private final SqsClient sqs;
    private final QueueUrl notificationDeadLetters;

    /** @param notificationDeadLetters for an exchange no consume route started ({@code chain.dead-letter-queue}) */
    public DeadLetterSender(SqsClient sqs, QueueUrl notificationDeadLetters) {
        this.sqs = sqs;
        this.notificationDeadLetters = notificationDeadLetters;
    }

    @Override
    public void process(Exchange exchange) {
        Message original = exchange.getIn();
        Throwable cause = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        String messageId = original.getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(ERROR_REASON, text(FailureReason.of(cause).code()));
        attributes.put(ERROR_CLASS, text(cause == null ? "unknown" : cause.getClass().getName()));
        attributes.put(ERROR_MESSAGE, text(
                truncate(cause == null || cause.getMessage() == null ? "(none)" : cause.getMessage())));
        attributes.put(FAILED_ROUTE, text(
                exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, "unknown", String.class)));
        attributes.put(ATTEMPTS, MessageAttributeValue.builder().dataType("Number")
                .stringValue(String.valueOf(exchange.getProperty(ATTEMPTS_PROPERTY, 1, Integer.class))).build());
        attributes.put(ORIGINAL_MESSAGE_ID, text(messageId == null ? "unknown" : messageId));
        attributes.put(FAILED_AT, text(Instant.now().toString()));
        // the dead letter's span: a redrive continues the payload's trace
        TraceContext.traceparent(exchange).ifPresent(traceparent -> attributes.put(TraceContext.TRACEPARENT,
                text(traceparent)));
        keepOriginalAttributes(original, attributes, messageId);

        SourceQueue source = SourceQueue.of(exchange);
        QueueUrl queue = source == null ? notificationDeadLetters : source.deadLetters();
        String group = fifoGroup(original, queue);
        sqs.sendMessage(r -> r.queueUrl(queue.get()).messageBody(original.getBody(String.class))
                .messageAttributes(attributes).messageGroupId(group)
                // a FIFO dead-letter queue takes the message once, whatever content-based deduplication says
                .messageDeduplicationId(group == null ? null : messageId));
        LOG.warn("Moved message {} to the dead-letter queue {}: {}", messageId, queue.queueName(), cause == null
                ? "unknown" : cause.toString());
    }

    /**
     * SQS allows 10 attributes: the reasons come first (7, and the trace context when tracing is on), then the
     * original ones that fit, the payload size first.
     */
    private static void keepOriginalAttributes(Message original, Map<String, MessageAttributeValue> attributes,
            String messageId) {
        @SuppressWarnings("unchecked")
        Map<String, MessageAttributeValue> received = original.getHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, Map.of(),
                Map.class);
        received.entrySet().stream()
                .filter(e -> !attributes.containsKey(e.getKey()))
                .sorted(Comparator.comparing((Map.Entry<String, MessageAttributeValue> e) -> !isPayloadSize(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    if (attributes.size() < SqsLimits.MAX_MESSAGE_ATTRIBUTES) {
                        attributes.put(e.getKey(), e.getValue());
                    } else {
                        LOG.warn("Dropped attribute {} of message {} on its way to the dead-letter queue "
                                + "(SQS allows {})", e.getKey(), messageId, SqsLimits.MAX_MESSAGE_ATTRIBUTES);
                    }
                });
    }

    /** A FIFO dead-letter queue needs a group: the message's own, so that its dead letters stay in order. */
    private static String fifoGroup(Message original, QueueUrl queue) {
        if (!queue.fifo()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<MessageSystemAttributeName, String> system = original.getHeader(Sqs2Constants.ATTRIBUTES, Map.of(),
                Map.class);
        return system.getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, "chain-dead-letters");
    }

    private static boolean isPayloadSize(String name) {
        return PayloadPointer.SIZE_ATTRIBUTE.equals(name) || PayloadPointer.LEGACY_SIZE_ATTRIBUTE.equals(name);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(SqsLimits.sanitized(value)).build();
    }

    private static String truncate(String value) {
        return value.length() <= MAX_ERROR_MESSAGE ? value : value.substring(0, MAX_ERROR_MESSAGE - 1) + "…";
    }
}
