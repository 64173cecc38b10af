package io.sqsextended.chain.tracing;

import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import io.sqsextended.chain.testkit.RecordingDownstream.Attempt;
import org.apache.camel.telemetry.TraceProcessorsInterceptStrategy;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler's decision, per trace (the SDK's default: a child follows its parent): a trace not sampled exports no
 * span yet reaches the downstream as its context (a payload's as its producer gave it: no span is started under a
 * dropped one), and a payload whose trace is sampled is traced whatever its message's.
 */
class SampledTraceTest {

    private static final String SAMPLED = "-01";
    private static final String NOT_SAMPLED = "-00";

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().consumer().recordingDownstream());

    @Test
    void aTraceNotSampledExportsNoSpanAndReachesTheDownstreamAsItsContext() {
        String traceId = PayloadTraceTest.newTraceId();
        String key = offloaded(Map.of());

        sendPointer(key, "00-" + traceId + "-00f067aa0ba902b7" + NOT_SAMPLED);

        Attempt delivered = chain.downstream().awaitKey(key);
        assertThat(delivered.header(TraceContext.TRACEPARENT)).startsWith("00-" + traceId + "-")
                .endsWith(NOT_SAMPLED);
        // the message's delete, a trace of its own, links the trace; its spans would have been exported before
        awaitDeleteLinking(traceId);
        assertThat(receiver.trace(traceId)).isEmpty();
    }

    @Test
    void aPayloadWhoseTraceIsSampledIsTracedThoughItsMessagesTraceIsNot() {
        String payloadTrace = PayloadTraceTest.newTraceId();
        String messageTrace = PayloadTraceTest.newTraceId();
        String key = offloaded(Map.of(TraceContext.TRACEPARENT, "00-" + payloadTrace + "-00f067aa0ba902b7" + SAMPLED));

        sendPointer(key, "00-" + messageTrace + "-53995c3f42cd8ad8" + NOT_SAMPLED);

        ReceivedSpan deliver = receiver.awaitSpan("the payload's deliver", s -> s.traceId().equals(payloadTrace)
                && s.name().equals("deliver"));
        assertThat(receiver.awaitSpan("Camel's span of the downstream, under the deliver",
                s -> s.parentSpanId().equals(deliver.spanId())).scope()).isEqualTo("camel");
        assertThat(receiver.trace(payloadTrace)).extracting(ReceivedSpan::name).contains("claim", "resolve");
        awaitDeleteLinking(payloadTrace);
        assertThat(receiver.trace(messageTrace)).isEmpty();
    }

    @Test
    void aPayloadWhoseTraceIsNotSampledReachesTheDownstreamWithItsProducersContextUnchanged() {
        String payloadTrace = PayloadTraceTest.newTraceId();
        String producers = "00-" + payloadTrace + "-00f067aa0ba902b7" + NOT_SAMPLED;
        String key = offloaded(Map.of(TraceContext.TRACEPARENT, producers));

        sendPointer(key, "00-" + PayloadTraceTest.newTraceId() + "-53995c3f42cd8ad8" + SAMPLED);

        // no span started in between: each would have been dropped, a hop nobody can see
        assertThat(chain.downstream().awaitKey(key).header(TraceContext.TRACEPARENT)).isEqualTo(producers);
        awaitDeleteLinking(payloadTrace);
        assertThat(receiver.trace(payloadTrace)).isEmpty();
    }

    @Test
    void theDownstreamGetsTheTraceContextAndNoBaggageOfCamelsOwn() {
        String key = offloaded(Map.of());

        sendPointer(key, "00-" + PayloadTraceTest.newTraceId() + "-00f067aa0ba902b7" + SAMPLED);

        Attempt delivered = chain.downstream().awaitKey(key);
        assertThat(delivered.header(TraceContext.TRACEPARENT)).endsWith(SAMPLED);
        assertThat(delivered.headers()).doesNotContainKey("baggage");
    }

    @Test
    void camelsTracerWrapsNoProcessorOfTheRoutesAsItTracesNone() {
        assertThat(chain.context().getCamelContextExtension().getInterceptStrategies())
                .noneMatch(TraceProcessorsInterceptStrategy.class::isInstance);
    }

    private String offloaded(Map<String, String> metadata) {
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key).metadata(metadata), RequestBody.fromString("x"));
        return key;
    }

    private void sendPointer(String key, String traceparent) {
        chain.queues().send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of(TraceContext.TRACEPARENT, MessageAttributeValue.builder().dataType("String")
                        .stringValue(traceparent).build()));
    }

    private void awaitDeleteLinking(String traceId) {
        receiver.awaitSpan("the delete linking the trace", s -> s.name().equals("delete")
                && s.links().stream().anyMatch(link -> link.traceId().equals(traceId)));
    }
}
