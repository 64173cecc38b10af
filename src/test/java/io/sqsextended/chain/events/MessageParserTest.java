package io.sqsextended.chain.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.events.PayloadReference.ObjectReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.events.TestEvents.eventBridgeObjectCreated;
import static io.sqsextended.chain.events.TestEvents.pointer;
import static io.sqsextended.chain.events.TestEvents.record;
import static io.sqsextended.chain.events.TestEvents.s3Event;
import static io.sqsextended.chain.events.TestEvents.snsEnvelope;
import static io.sqsextended.chain.events.TestEvents.testEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageParserTest {

    static final String BUCKET = "payloads";
    static final Instant SENT = Instant.parse("2026-01-01T10:00:00Z");
    final MessageParser parser = new MessageParser(Set.of(BUCKET));

    List<PayloadReference> parse(String body) {
        return parse(body, Map.of());
    }

    List<PayloadReference> parse(String body, Map<String, MessageAttributeValue> attributes) {
        return parser.parse(new IncomingMessage("message-1", body, attributes, SENT));
    }

    static MessageAttributeValue number(long value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(value)).build();
    }

    @Test
    void anS3EventNamesItsObjectWithTheFormEncodedKeyDecoded() {
        List<PayloadReference> references = parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/red flower+été.jpg", "0055AED6DCD90281E5")));

        assertThat(references).singleElement().isInstanceOfSatisfying(ObjectReference.class, object -> {
            assertThat(object.source()).isEqualTo(PayloadSource.S3_EVENT);
            assertThat(object.bucket()).isEqualTo(BUCKET);
            assertThat(object.key()).isEqualTo("input/red flower+été.jpg");
            assertThat(object.eventTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(object.idempotencyKey()).startsWith("s3-event:");
        });
    }

    @Test
    void everyRecordOfAMessageIsAPayload() {
        assertThat(parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01"),
                record("2.2", "ObjectCreated:CompleteMultipartUpload", BUCKET, "input/b", "02"))))
                .extracting(r -> ((ObjectReference) r).key()).containsExactly("input/a", "input/b");
    }

    @Test
    void eventsOtherThanObjectCreatedAreSkipped() {
        assertThat(parse(s3Event(record("2.1", "ObjectRemoved:Delete", BUCKET, "input/a", "01")))).isEmpty();
    }

    @Test
    void aDuplicatedEventHasTheSameKeyAndALaterEventOfTheSameObjectAnother() {
        String first = parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01"))).get(0).idempotencyKey();

        assertThat(parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01"))).get(0).idempotencyKey()).isEqualTo(first);
        assertThat(parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "02"))).get(0).idempotencyKey()).isNotEqualTo(first);
    }

    @Test
    void anEventVersionOtherThan2IsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse(s3Event(record("3.0", "ObjectCreated:Put", BUCKET, "input/a", "01"))))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("Unsupported S3 event version 3.0");
    }

    @Test
    void anEventOfAForeignBucketIsRefused() {
        assertThatThrownBy(() -> parse(s3Event(record("2.1", "ObjectCreated:Put", "elsewhere", "input/a", "01"))))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("elsewhere is not in chain.consumer.allowed-buckets");
    }

    @Test
    void theS3TestEventNamesNoPayload() {
        assertThat(parse(testEvent(BUCKET))).isEmpty();
    }

    @Test
    void anSnsEnvelopeIsUnwrapped() {
        String sns = snsEnvelope(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/in sns", "01")));

        assertThat(parse(sns)).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.key()).isEqualTo("input/in sns"));
    }

    @Test
    void anEventBridgeObjectCreatedEventNamesItsObjectWithTheKeyAsIs() {
        String event = eventBridgeObjectCreated(BUCKET, "input/a+b c.txt", "01");

        assertThat(parse(event)).singleElement().isInstanceOfSatisfying(ObjectReference.class, object -> {
            assertThat(object.source()).isEqualTo(PayloadSource.S3_EVENT);
            assertThat(object.key()).isEqualTo("input/a+b c.txt");
            assertThat(object.eventTime()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        });
    }

    @Test
    void bothPointerClassNamesAndBothSizeAttributesAreExtendedPointers() {
        for (String className : List.of("software.amazon.payloadoffloading.PayloadS3Pointer", "com.amazon.sqs.javamessaging.MessageS3Pointer")) {
            for (String attribute : List.of("ExtendedPayloadSize", "SQSLargePayloadSize")) {
                List<PayloadReference> references = parse(pointer(className, BUCKET, "offload/1"),
                        Map.of(attribute, number(300_000)));

                assertThat(references).singleElement().isInstanceOfSatisfying(ObjectReference.class, object -> {
                    assertThat(object.source()).isEqualTo(PayloadSource.EXTENDED_POINTER);
                    assertThat(object.key()).isEqualTo("offload/1");
                    assertThat(object.idempotencyKey()).isEqualTo("sqs-message:message-1");
                    assertThat(object.eventTime()).isEqualTo(SENT);
                });
            }
        }
    }

    @Test
    void aPointerToAForeignBucketIsRefused() {
        assertThatThrownBy(() -> parse(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", "attacker", "k"),
                Map.of("ExtendedPayloadSize", number(1))))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("attacker is not in chain.consumer.allowed-buckets");
    }

    @Test
    void aPointerWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> parse("[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"payloads\"}]"))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("Unparseable extended-client pointer");
    }

    @Test
    void aSizeAttributeOnSomethingElseThanAPointerIsRefused() {
        assertThatThrownBy(() -> parse("not a pointer", Map.of("SQSLargePayloadSize", number(1))))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("Unparseable extended-client pointer");
    }

    @Test
    void anyOtherBodyIsAnInlinePayload() {
        for (String body : List.of("plain text", "{\"order\":42}", "[1,2]", "{\"Records\"")) {
            assertThat(parse(body)).singleElement().isInstanceOfSatisfying(InlinePayload.class, inline -> {
                assertThat(inline.body()).isEqualTo(body);
                assertThat(inline.idempotencyKey()).isEqualTo("sqs-message:message-1");
                assertThat(inline.eventTime()).isEqualTo(SENT);
            });
        }
    }
}
