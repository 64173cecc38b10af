package io.sqsextended.chain.tracing;

import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import io.sqsextended.chain.testkit.Queues;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static org.assertj.core.api.Assertions.assertThat;

/** A FIFO queue's message continues its trace as a standard queue's does (Camel's receive span, then the payload's). */
class FifoTraceTest {

    static final String QUEUE = "traced-" + UUID.randomUUID() + ".fifo";
    static Queues fifo;

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().recordingDownstream()
            .properties(Map.of(ConsumerSettings.QUEUES.name(), QUEUE))
            .afterStart(c -> {
                fifo = Queues.create(c.sqs(), QUEUE, 5);
                c.context().getRouteController().startRoute(ConsumerRoutes.CONSUME_ROUTE + "-" + QUEUE);
            }));

    @Test
    void aFifoMessagesPayloadReachesTheDownstreamInTheTraceOfItsTraceparentAttribute() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentId = "00f067aa0ba902b7";
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("pointed at in order"));

        chain.sqs().sendMessage(r -> r.queueUrl(fifo.queueUrl).messageGroupId("traced")
                .messageDeduplicationId(UUID.randomUUID().toString())
                .messageBody(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key))
                .messageAttributes(Map.of(TraceContext.TRACEPARENT, MessageAttributeValue.builder()
                        .dataType("String").stringValue("00-" + traceId + "-" + parentId + "-01").build())));

        ReceivedSpan receive = receiver.awaitSpan("the FIFO message's receive", s -> s.traceId().equals(traceId)
                && s.name().equals("receive"));
        assertThat(receive.parentSpanId()).isEqualTo(parentId);
        ReceivedSpan deliver = receiver.awaitSpan("the payload's deliver", s -> s.traceId().equals(traceId)
                && s.name().equals("deliver"));
        assertThat(deliver.attributes()).containsEntry(PayloadTrace.KEY.getKey(), key);
    }
}
