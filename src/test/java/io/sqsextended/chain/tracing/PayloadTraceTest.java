package io.sqsextended.chain.tracing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.delivery.FailureReason;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RandomBytes;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace per payload, from the producer's {@code POST /v1/uploads} (or its extended message) through S3 and SQS to
 * Camel's span of the downstream route, exported over OTLP/HTTP to a receiver in the test.
 */
class PayloadTraceTest {

    static final int MIB = 1024 * 1024;

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    // multipart from 6 MiB in parts of S3's minimum; one redelivery, soon, before a dead letter
    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().consumer().recordingDownstream()
            .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB",
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "100")));

    @Test
    void aSinglePutPayloadReachesTheDownstreamInTheTraceOfItsUploadRequest() {
        String traceId = newTraceId();
        JsonNode ticket = createUpload(chain, traceId, 5);

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        assertDownstreamInTraceOfUpload(traceId, ticket.get("key").asText());
    }

    @Test
    void aSinglePutPayloadsTraceRendersAsATimelineFromTheUploadRequestToTheDownstream() throws IOException {
        String traceId = newTraceId();
        JsonNode ticket = createUpload(chain, traceId, 5);
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        // the deliver span ends last, after Camel's spans of the downstream
        deliverAbove(awaitDownstreamSpan(traceId));
        receiver.awaitSpan("the deliver span", s -> s.traceId().equals(traceId) && s.name().equals("deliver"));

        String diagram = TraceDiagram.render(receiver.trace(traceId));

        // README "Tracing" links a copy of it: docs/tracing-example.md
        Files.writeString(Path.of("target/tracing-example.txt"), diagram);
        List<String> names = diagram.lines().skip(1).map(line -> line.substring(0, 34).strip()).toList();
        assertThat(names.get(0)).isEqualTo("/v1/uploads");
        assertThat(names).containsSubsequence("/v1/uploads", "claim", "resolve", "deliver");
    }

    @Test
    void aMultipartPayloadReachesTheDownstreamInTheTraceOfItsUploadRequest() {
        String traceId = newTraceId();
        byte[] body = RandomBytes.randomBytes(6 * MIB + 1);
        JsonNode plan = createUpload(chain, traceId, body.length);

        assertThat(chain.client().complete(ApiClient.PRODUCER, plan, chain.client().uploadParts(plan, body)).status())
                .isEqualTo(200);

        assertDownstreamInTraceOfUpload(traceId, plan.get("key").asText());
    }

    @Test
    void anExtendedPointersPayloadReachesTheDownstreamInTheTraceOfItsMessage() {
        String traceId = newTraceId();
        String parentId = "00f067aa0ba902b7";
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("pointed at"));

        chain.queues().send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of(TraceContext.TRACEPARENT, MessageAttributeValue.builder().dataType("String")
                        .stringValue("00-" + traceId + "-" + parentId + "-01").build()));

        ReceivedSpan receive = receiver.awaitSpan("the message's receive", s -> s.traceId().equals(traceId)
                && s.name().equals("receive"));
        assertThat(receive.parentSpanId()).isEqualTo(parentId);
        ReceivedSpan deliver = deliverAbove(awaitDownstreamSpan(traceId));
        assertThat(deliver.attributes()).containsEntry(PayloadTrace.KEY.getKey(), key);
    }

    @Test
    void aMessagesAwsTraceHeaderIsContinuedByItsReceiveSpanAndThePayloadsDelivery() {
        String traceId = newTraceId();
        String parentId = "53995c3f42cd8ad8";
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("traced by X-Ray"));

        // as SQS sets it for a producer traced by X-Ray: the system attribute, not a message attribute
        chain.sqs().sendMessage(r -> r.queueUrl(chain.queues().queueUrl)
                .messageBody(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key))
                .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue("Root=1-"
                                + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=" + parentId
                                + ";Sampled=1").build())));

        ReceivedSpan receive = receiver.awaitSpan("the message's receive", s -> s.traceId().equals(traceId)
                && s.name().equals("receive"));
        assertThat(receive.parentSpanId()).isEqualTo(parentId);
        assertThat(deliverAbove(awaitDownstreamSpan(traceId)).attributes()).containsEntry(PayloadTrace.KEY.getKey(),
                key);
    }

    @Test
    void aPayloadsMessageIsDeletedInADeleteSpanLinkedToTheUploadRequestOfItsTrace() {
        String traceId = newTraceId();
        JsonNode ticket = createUpload(chain, traceId, 5);

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        // a batch's delete spans several traces: a trace of its own, linked to each
        ReceivedSpan delete = receiver.awaitSpan("the delete linked to the payload's trace", s -> s.name()
                .equals("delete") && s.links().stream().anyMatch(link -> link.traceId().equals(traceId)));
        assertThat(delete.isRoot()).isTrue();
        String linked = delete.links().stream().filter(link -> link.traceId().equals(traceId)).findFirst()
                .orElseThrow().spanId();
        assertThat(receiver.awaitSpan("the linked span", s -> s.spanId().equals(linked)).name())
                .isEqualTo("/v1/uploads");
    }

    @Test
    void aDeadLetteredPayloadsTraceEndsWithADeadLetterSpanWhoseContextTheDeadLetterCarries() {
        String traceId = newTraceId();

        String key = uploadPoison(traceId);

        ReceivedSpan deadLetter = awaitDeadLetterSpan(traceId);
        assertThat(deadLetter.error()).isTrue();
        assertThat(deadLetter.attributes()).containsEntry(PayloadTrace.REASON.getKey(),
                FailureReason.FAILED.code());
        // the deliver span ends after the dead letter its call sent
        receiver.awaitSpan("the deliver span with its redelivery", s -> s.traceId().equals(traceId)
                && s.name().equals("deliver") && s.events().contains("redelivery"));
        Message letter = chain.queues().awaitDeadLetter(m -> m.body().contains(key));
        assertThat(Queues.attribute(letter, TraceContext.TRACEPARENT))
                .isEqualTo("00-" + traceId + "-" + deadLetter.spanId() + "-01");
    }

    @Test
    void theDeadLetterLogLineCarriesTheTraceAndSpanIdsOfItsSpan() {
        String traceId = newTraceId();

        try (CapturedLogs logs = CapturedLogs.open("dead-letter-ids")) {
            uploadPoison(traceId);

            ReceivedSpan deadLetter = awaitDeadLetterSpan(traceId);
            assertThat(logs.lines()).filteredOn(line -> line.contains("to the dead-letter queue"))
                    .anyMatch(line -> line.contains("trace.id=" + traceId)
                            && line.contains("span.id=" + deadLetter.spanId()));
        }
    }

    /** Uploads a payload the downstream fails on, in trace {@code traceId}; its key. */
    private String uploadPoison(String traceId) {
        JsonNode ticket = createUpload(chain, traceId, 6);
        String key = ticket.get("key").asText();
        chain.downstream().failWhen = key::equals;
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "poison".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        return key;
    }

    private ReceivedSpan awaitDeadLetterSpan(String traceId) {
        return receiver.awaitSpan("the dead letter's span", s -> s.traceId().equals(traceId)
                && s.name().equals("dead letter"));
    }

    private void assertDownstreamInTraceOfUpload(String traceId, String key) {
        ReceivedSpan deliver = deliverAbove(awaitDownstreamSpan(traceId));
        assertThat(deliver.attributes()).containsEntry(PayloadTrace.KEY.getKey(), key);
        ReceivedSpan request = parentOf(deliver);
        assertThat(request.name()).isEqualTo("/v1/uploads");
        assertThat(receiver.trace(traceId)).extracting(ReceivedSpan::name).contains("claim", "resolve");
    }

    private ReceivedSpan awaitDownstreamSpan(String traceId) {
        return receiver.awaitSpan("Camel's span of the downstream", s -> s.traceId().equals(traceId)
                && s.scope().equals("camel") && s.attributes().values().stream()
                        .anyMatch(value -> value.contains(RecordingDownstream.URI.substring("direct:".length())))
                && receiver.spans().stream().anyMatch(p -> p.spanId().equals(s.parentSpanId())));
    }

    /** The {@code deliver} span a span of Camel's descends from (through Camel's own spans only). */
    private ReceivedSpan deliverAbove(ReceivedSpan camelSpan) {
        ReceivedSpan span = camelSpan;
        while (span.scope().equals("camel")) {
            span = parentOf(span);
        }
        assertThat(span.name()).isEqualTo("deliver");
        return span;
    }

    private ReceivedSpan parentOf(ReceivedSpan span) {
        return receiver.awaitSpan("the parent of " + span.name(), s -> s.spanId().equals(span.parentSpanId()));
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code POST /v1/uploads} to {@code chain} in trace {@code traceId}: the ticket. */
    static JsonNode createUpload(ChainExtension chain, String traceId, long length) {
        ApiClient.Reply reply = chain.client().createUpload(ApiClient.PRODUCER,
                "00-" + traceId + "-00f067aa0ba902b7-01", length);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }
}
