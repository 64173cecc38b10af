package io.sqsextended.chain.tracing;

import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

/**
 * A span's ids in the logging context of this thread while it is open: the JSON log format (ECS) writes them as its
 * {@code trace.id} and {@code span.id} fields, the text format leaves them out.
 */
final class LogIds implements AutoCloseable {

    static final String TRACE_ID = "trace.id";
    static final String SPAN_ID = "span.id";

    private LogIds() {
    }

    static LogIds of(Span span) {
        MDC.put(TRACE_ID, span.getSpanContext().getTraceId());
        MDC.put(SPAN_ID, span.getSpanContext().getSpanId());
        return new LogIds();
    }

    @Override
    public void close() {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }
}
