/**
 * Tracing with OpenTelemetry, off unless an exporter is configured by the standard {@code OTEL_*} variables or
 * {@code otel.*} system properties ({@code TracingSwitch}): then {@code Tracing} (a Camel Main listener of the app)
 * sets the SDK up through its autoconfigure module ({@code OpenTelemetrySetup}) and installs Camel's tracer
 * (camel-opentelemetry2). The features' spans join Camel's: {@code TraceContext} (the exchange's {@code traceparent},
 * signed into uploads), {@code SqsSpanDecorator} (Camel's receive span continues a message's context, or its
 * {@code AWSTraceHeader} through {@code XRayTraceHeader}; {@code FifoSpanDecorator} the same for a FIFO queue's
 * consumer), {@code PayloadTrace} (the consumer's claim, resolve, deliver and dead-letter spans), {@code DeleteSpan}
 * (a batch's delete, linked to each message's spans through {@code TraceLinks}), {@code LogIds} (a span's ids in the
 * log lines), {@code SpanExemplars} (the current span as the metrics' exemplars). Used by the features and the app;
 * imports nothing of the app but {@code wire}.
 */
package io.sqsextended.chain.tracing;
