package io.sqsextended.chain.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;
import org.apache.camel.telemetry.propagation.CamelHeadersSpanContextPropagationExtractor;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Camel's span of an SQS message received ({@code receive}): it continues the message's {@code traceparent} attribute
 * (Camel's consumer maps attributes to headers; the FIFO consumer's exchange has them as its attributes' map), else
 * AWS's {@code AWSTraceHeader} system attribute. Found by Camel's tracer through
 * {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}.
 */
public class SqsSpanDecorator extends AbstractMessagingSpanDecorator {

    @Override
    public String getComponent() {
        return "aws2-sqs";
    }

    @Override
    public String getComponentClassName() {
        return "org.apache.camel.component.aws2.sqs.Sqs2Component";
    }

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return endpoint.equals(exchange.getFromEndpoint()) ? "receive" : super.getOperationName(exchange, endpoint);
    }

    @Override
    protected String getMessageId(Exchange exchange) {
        return exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
    }

    @Override
    public SpanContextPropagationExtractor getExtractor(Exchange exchange) {
        Map<String, Object> headers = exchange.getIn().getHeaders();
        if (headers.containsKey(TraceContext.TRACEPARENT)) {
            return super.getExtractor(exchange);
        }
        return fromAttributes(exchange).map(traceparent -> {
            Map<String, Object> carrier = new HashMap<>(headers);
            carrier.put(TraceContext.TRACEPARENT, traceparent);
            return (SpanContextPropagationExtractor) new CamelHeadersSpanContextPropagationExtractor(carrier);
        }).orElseGet(() -> super.getExtractor(exchange));
    }

    /** The trace context a received exchange comes with: its header, else the SQS message's attributes. */
    static Optional<String> incoming(Exchange exchange) {
        return exchange.getIn().getHeader(TraceContext.TRACEPARENT) instanceof String traceparent
                ? Optional.of(traceparent) : fromAttributes(exchange);
    }

    private static Optional<String> fromAttributes(Exchange exchange) {
        return traceparentAttribute(exchange).or(() -> xrayTraceHeader(exchange));
    }

    /** The {@code traceparent} message attribute, when no header carries it (the FIFO consumer maps none). */
    private static Optional<String> traceparentAttribute(Exchange exchange) {
        Map<?, ?> attributes = exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, Map.of(), Map.class);
        return attributes.get(TraceContext.TRACEPARENT) instanceof MessageAttributeValue value
                ? Optional.ofNullable(value.stringValue()) : Optional.empty();
    }

    private static Optional<String> xrayTraceHeader(Exchange exchange) {
        Map<?, ?> system = exchange.getIn().getHeader(Sqs2Constants.ATTRIBUTES, Map.of(), Map.class);
        Object xray = system.get(MessageSystemAttributeName.AWS_TRACE_HEADER);
        return XRayTraceHeader.toTraceparent(xray == null ? null : xray.toString());
    }
}
