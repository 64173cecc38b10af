package io.sqsextended.chain.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.tracing.EvenTraceIds.Root;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanStorageManager;
import org.apache.camel.telemetry.SpanStorageManagerExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sampler decides on a message's trace before any span is made: a message whose trace it drops gets no span at all,
 * not even Camel's {@code receive}; one whose trace it keeps gets the trace id it was decided on, and each trace is
 * decided once (a rate-limiting sampler counts it once).
 */
class SamplingDecisionTest {

    private static final String PROBE = "direct:spans-seen";
    private static final int MESSAGES = 16;
    private static final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** A payload as the downstream got it: its trace context, and Camel's stack of spans on its exchange. */
    record Seen(String body, String traceparent, List<String> camelSpans) {

        boolean dropped() {
            return traceparent.endsWith("-00");
        }

        static Seen of(Exchange exchange) {
            // pulled from a copy: the stack's links are not changed, the copy's property is
            Exchange copy = exchange.copy();
            SpanStorageManager spans = new SpanStorageManagerExchange();
            List<String> camelSpans = new ArrayList<>();
            for (Span span = spans.pull(copy); span != null; span = spans.pull(copy)) {
                camelSpans.add(span.getClass().getSimpleName());
            }
            return new Seen(exchange.getIn().getBody(String.class),
                    exchange.getIn().getHeader(TraceContext.TRACEPARENT, String.class), camelSpans);
        }
    }

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().consumer().downstream(PROBE))
            .systemProperty("otel.traces.sampler", EvenTraceIds.NAME)
            .afterStart(c -> RouteBuilder.addRoutes(c.context(), java -> java.from(PROBE).routeId("spans-seen")
                    .process(exchange -> seen.add(Seen.of(exchange)))));

    @BeforeAll
    static void messagesWithoutATraceOfTheirOwn() {
        IntStream.range(0, MESSAGES).forEach(i -> chain.queues().send("payload " + i));
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= MESSAGES);
    }

    @Test
    void aMessageWhoseTraceTheSamplerDropsCarriesNoSpanOfCamelsNotEvenItsReceive() {
        assertThat(seen).filteredOn(Seen::dropped).isNotEmpty()
                .allSatisfy(payload -> assertThat(payload.camelSpans()).as(payload.body()).isNotEmpty()
                        .containsOnly("Skipped"));
        // where a trace is kept, the same look finds Camel's spans
        assertThat(seen).filteredOn(payload -> !payload.dropped()).isNotEmpty()
                .allSatisfy(payload -> assertThat(payload.camelSpans()).as(payload.body()).doesNotContain("Skipped"));
    }

    @Test
    void aTraceTheSamplerKeepsHasTheIdItWasDecidedOn() {
        List<Root> kept = EvenTraceIds.roots().stream().filter(root -> root.name().equals("receive") && root.kept())
                .toList();

        assertThat(kept).isNotEmpty();
        // any span of it: an exchange of another route than the consumer's is decided the same way
        kept.forEach(root -> receiver.awaitSpan("a span of trace " + root.traceId(),
                span -> span.traceId().equals(root.traceId())));
    }

    @Test
    void eachTraceIsDecidedOnce() {
        assertThat(EvenTraceIds.roots()).extracting(Root::traceId).doesNotHaveDuplicates()
                .hasSizeGreaterThanOrEqualTo(MESSAGES);
    }
}
