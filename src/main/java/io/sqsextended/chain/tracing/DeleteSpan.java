package io.sqsextended.chain.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.apache.camel.CamelContext;

/**
 * The {@code delete} span of a batch of messages deleted in one call: a trace of its own, as a batch spans several
 * traces, linked to each message's receive and to its payloads' traces. Does nothing when tracing is off.
 */
public final class DeleteSpan implements AutoCloseable {

    static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("messaging.batch.message_count");
    private static final DeleteSpan OFF = new DeleteSpan(null);

    private final Span span;

    private DeleteSpan(Span span) {
        this.span = span;
    }

    /** Starts the span of deleting these messages (each one's links). */
    public static DeleteSpan start(CamelContext context, List<TraceLinks> messages) {
        Tracer tracer = PayloadTrace.tracer(context);
        if (tracer == null) {
            return OFF;
        }
        SpanBuilder builder = tracer.spanBuilder("delete").setNoParent().setSpanKind(SpanKind.CLIENT)
                .setAttribute(MESSAGES, (long) messages.size());
        TraceLinks.distinct(messages).forEach(builder::addLink);
        return new DeleteSpan(builder.startSpan());
    }

    /** The delete, or some of its messages', failed: the span's status says why. */
    public void failed(String why) {
        if (span != null) {
            span.setStatus(StatusCode.ERROR, why);
        }
    }

    @Override
    public void close() {
        if (span != null) {
            span.end();
        }
    }
}
