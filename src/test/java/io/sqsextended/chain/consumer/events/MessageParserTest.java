package io.sqsextended.chain.consumer.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.consumer.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.wire.InlineMark;
import io.sqsextended.chain.wire.PayloadSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.consumer.events.TestEvents.eventBridgeObjectCreated;
import static io.sqsextended.chain.consumer.events.TestEvents.pointer;
import static io.sqsextended.chain.consumer.events.TestEvents.record;
import static io.sqsextended.chain.consumer.events.TestEvents.s3Event;
import static io.sqsextended.chain.consumer.events.TestEvents.snsEnvelope;
import static io.sqsextended.chain.consumer.events.TestEvents.testEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageParserTest {

    static final String BUCKET = "payloads";
    static final Instant SENT = Instant.parse("2026-01-01T10:00:00Z");
    final MessageParser parser = new MessageParser(Set.of(BUCKET), List.of("offload/"));

    List<PayloadReference> parse(String body) {
        return parse(body, Map.of());
    }

    List<PayloadReference> parse(String body, Map<String, MessageAttributeValue> attributes) {
        return parser.parse(new IncomingMessage("message-1", body, attributes, SENT));
    }

    static MessageAttributeValue number(long value) {
        return number(String.valueOf(value));
    }

    static MessageAttributeValue number(String value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
    }

    static final Map<String, MessageAttributeValue> MARKED_INLINE = Map.of(InlineMark.ATTRIBUTE, InlineMark.VALUE);

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
    void anS3EventOfAVersionedObjectNamesItsVersion() {
        String versioned = record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01").replace("\"sequencer\"", "\"versionId\":\"3HL4kqtJlcpXroDTDmJ\",\"sequencer\"");

        assertThat(parse(s3Event(versioned))).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ"));
    }

    @Test
    void anS3EventTimeWithoutZoneIsUtc() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01").replace("2026-01-01T00:00:00.000Z", "2026-12-07T02:14:24.192790"));

        assertThat(parse(event)).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.eventTime()).isEqualTo(Instant.parse("2026-12-07T02:14:24.192790Z")));
    }

    @Test
    void anS3EventWhoseEventTimeIsNoInstantIsStillDelivered() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01").replace("2026-01-01T00:00:00.000Z", "yesterday"));

        assertThat(parse(event)).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.eventTime()).isNull());
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

    @Test
    void aPointerIsHonouredOnlyUnderThePointerPrefixes() {
        for (String key : List.of("input/2026/01/01/id/theirs.csv", "elsewhere/x", "offloaded/x", "Offload/x")) {
            assertThatThrownBy(() -> parse(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, key),
                    Map.of("ExtendedPayloadSize", number(1))))
                    .as(key).isInstanceOf(PayloadRefusedException.class).hasMessageContaining("chain.consumer.pointer-prefixes");
        }
    }

    @Test
    void aPointerKeyWithDotOrEmptySegmentsIsRefusedEvenUnderThePrefix() {
        for (String key : List.of("offload/../input/x", "offload/./x", "offload//x", "offload/x/..", "offload/a\\..\\b")) {
            assertThatThrownBy(() -> parse(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, key),
                    Map.of("ExtendedPayloadSize", number(1))))
                    .as(key).isInstanceOf(PayloadRefusedException.class).hasMessageContaining("key");
        }
    }

    @Test
    void anEventKeyThatS3CannotResolveAsNamedIsRefused() {
        for (String key : List.of("../x", "input//x", "input/./x", "input/a\u0000b", "/input/x", "")) {
            assertThatThrownBy(() -> parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, key, "01"))))
                    .as(key).isInstanceOf(PayloadRefusedException.class);
        }
    }

    @Test
    void aRecordThatIsNullOrLacksItsBucketOrObjectIsRefusedNotACrash() {
        for (String body : List.of("{\"Records\":[null]}", "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\"}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"payloads\"}}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"input/a\"}}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{},\"object\":{}}}]}",
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"payloads\"},\"object\":{\"key\":\"input/a\"}}}]}",
                "{\"Records\":[7]}", "{\"Records\":{}}")) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(PayloadRefusedException.class)
                    .hasMessageContaining("Unparseable S3 event");
        }
    }

    @Test
    void aMessageMarkedInlineIsItsBodyWhateverItLooksLike() {
        for (String body : List.of(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, "offload/1"),
                s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/theirs", "01")),
                snsEnvelope(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/theirs", "01"))),
                eventBridgeObjectCreated(BUCKET, "input/theirs", "01"), testEvent(BUCKET))) {
            assertThat(parse(body, MARKED_INLINE)).as(body).singleElement().isInstanceOfSatisfying(InlinePayload.class,
                    inline -> assertThat(inline.body()).isEqualTo(body));
        }
    }

    @Test
    void aPointerCarriesTheSizeItsAttributeDeclares() {
        assertThat(parse(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, "offload/1"),
                Map.of("SQSLargePayloadSize", number(300_000)))).singleElement()
                .isInstanceOfSatisfying(ObjectReference.class, object -> assertThat(object.expectedSize()).isEqualTo(300_000L));
    }

    @Test
    void aPointerSizeAttributeThatIsNoByteCountIsRefused() {
        for (String size : List.of("abc", "-5", "100000000000000000000", "1.5", "", " 7")) {
            assertThatThrownBy(() -> parse(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, "offload/1"),
                    Map.of("ExtendedPayloadSize", number(size))))
                    .as(size).isInstanceOf(PayloadRefusedException.class).hasMessageContaining("ExtendedPayloadSize");
        }
    }

    @Test
    void anSnsEnvelopeOtherThanANotificationIsRefused() {
        String confirmation = snsEnvelope(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")))
                .replace("\"Type\":\"Notification\"", "\"Type\":\"SubscriptionConfirmation\"");

        assertThatThrownBy(() -> parse(confirmation)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("SubscriptionConfirmation");
    }
}
