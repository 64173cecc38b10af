/**
 * Tracing with OpenTelemetry, off unless an exporter is configured by the standard {@code OTEL_*} variables or
 * {@code otel.*} system properties ({@code TracingSwitch}): then {@code Tracing} (a Camel Main listener of the app)
 * sets the SDK up through its autoconfigure module ({@code OpenTelemetrySetup}) and installs Camel's tracer
 * (camel-opentelemetry2), whose spans the features' own join. Used by the features and the app; imports nothing of
 * the app but {@code wire}.
 */
package io.sqsextended.chain.tracing;
