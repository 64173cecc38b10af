package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * An OTLP/HTTP collector in the test's JVM ({@code @RegisterExtension static}, before the app's extension): it decodes
 * the protobuf {@code ExportTraceServiceRequest}s the app's exporter POSTs to {@code /v1/traces} and keeps their spans.
 * {@link #settings()} points the app at it, exporting each span at once.
 */
public final class OtlpReceiver implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /**
     * A span as received: ids in lower-case hex (a root span's parent is empty), attributes and those of the resource
     * that sent it (its process: {@code service.name}, {@code service.instance.id}) as strings.
     */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String scope,
            Map<String, String> attributes, boolean error, List<String> events, List<Link> links, long startNanos,
            long endNanos, Map<String, String> resource) {

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    /** A span's link to another span, of its trace or another. */
    public record Link(String traceId, String spanId) {
    }

    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    /** Whether the spans are kept, or only counted (a benchmark's millions). */
    private final boolean keep;
    private final HttpServer server;

    /** Bound at once, so that its address is known when the app's extension is declared. */
    public OtlpReceiver() {
        this(true);
    }

    private OtlpReceiver(boolean keep) {
        this.keep = keep;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::export);
    }

    /** A receiver that counts the spans, keeping none: {@link #start()} it, and close it after. */
    public static OtlpReceiver counting() {
        return new OtlpReceiver(false);
    }

    public void start() {
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The spans received so far, kept or not. */
    public long received() {
        return received.get();
    }

    /** {@code app} exporting its spans here (system properties of its life: the SDK reads {@code otel.*} there). */
    public ChainExtension receiving(ChainExtension app) {
        settings().forEach(app::systemProperty);
        return app;
    }

    /** OTLP/HTTP to this receiver. */
    public Map<String, String> settings() {
        return Map.of("otel.traces.exporter", "otlp", "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                // the batch processor sends within 50 ms rather than 5 s
                "otel.bsp.schedule.delay", "50");
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The first span received that matches, waited for. */
    public ReceivedSpan awaitSpan(String what, Predicate<ReceivedSpan> matching) {
        return await().alias(what).atMost(Duration.ofSeconds(20)).until(
                () -> spans.stream().filter(matching).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Every span received of one trace. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                Map<String, String> sender = attributes(resource.getResource().getAttributesList());
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    received.addAndGet(scope.getSpansCount());
                    if (!keep) {
                        continue;
                    }
                    scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(
                            hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()),
                            span.getName(), scope.getScope().getName(), attributes(span.getAttributesList()),
                            span.getStatus().getCodeValue() == 2,
                            span.getEventsList().stream().map(event -> event.getName()).toList(),
                            span.getLinksList().stream().map(link -> new Link(hex(link.getTraceId().toByteArray()),
                                    hex(link.getSpanId().toByteArray()))).toList(),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), sender)));
                }
            }
            byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()),
                (first, second) -> second));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
