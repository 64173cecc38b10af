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

import static io.sqsextended.chain.testkit.TestEvents.eventBridgeEvent;
import static io.sqsextended.chain.testkit.TestEvents.eventBridgeObjectCreated;
import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static io.sqsextended.chain.testkit.TestEvents.record;
import static io.sqsextended.chain.testkit.TestEvents.s3Event;
import static io.sqsextended.chain.testkit.TestEvents.snsEnvelope;
import static io.sqsextended.chain.testkit.TestEvents.sqsRecord;
import static io.sqsextended.chain.testkit.TestEvents.testEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageParserTest {

    static final String BUCKET = "payloads";
    static final Instant SENT = Instant.parse("2026-01-01T10:00:00Z");
    final MessageParser parser = new MessageParser(Set.of(BUCKET), List.of(new PointerGrant(null, "offload/")));

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

    static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";

    static final Map<String, MessageAttributeValue> MARKED_INLINE = Map.of(InlineMark.ATTRIBUTE, InlineMark.VALUE);

    @Test
    void anS3EventNamesItsObjectWithTheFormEncodedKeyDecoded() {
        List<PayloadReference> references = parse(
                s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/red flower+été.jpg", "0055AED6DCD90281E5")));

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
        String versioned = record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                .replace("\"sequencer\"", "\"versionId\":\"3HL4kqtJlcpXroDTDmJ\",\"sequencer\"");

        assertThat(parse(s3Event(versioned))).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ"));
    }

    @Test
    void anS3EventTimeWithoutZoneIsUtc() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                .replace("2026-01-01T00:00:00.000Z", "2026-12-07T02:14:24.192790"));

        assertThat(parse(event)).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.eventTime()).isEqualTo(Instant.parse("2026-12-07T02:14:24.192790Z")));
    }

    @Test
    void anS3EventWhoseEventTimeIsNoInstantIsStillDelivered() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                .replace("2026-01-01T00:00:00.000Z", "yesterday"));

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
        String first = parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01"))).get(0)
                .idempotencyKey();

        assertThat(parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01"))).get(0).idempotencyKey())
                .isEqualTo(first);
        assertThat(parse(s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "02"))).get(0).idempotencyKey())
                .isNotEqualTo(first);
    }

    @Test
    void anEventVersionOtherThan2IsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse(s3Event(record("3.0", "ObjectCreated:Put", BUCKET, "input/a", "01"))))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("Unsupported S3 event version 3.0");
    }

    @Test
    void anEventOfAForeignBucketIsRefused() {
        assertThatThrownBy(() -> parse(s3Event(record("2.1", "ObjectCreated:Put", "elsewhere", "input/a", "01"))))
                .isInstanceOf(PayloadRefusedException.class)
                        .hasMessageContaining("elsewhere is not in chain.consumer.allowed-buckets");
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
        for (String className : List.of("software.amazon.payloadoffloading.PayloadS3Pointer",
                "com.amazon.sqs.javamessaging.MessageS3Pointer")) {
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
                .isInstanceOf(PayloadRefusedException.class)
                        .hasMessageContaining("attacker is not in chain.consumer.allowed-buckets");
    }

    @Test
    void aPointerWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> parse(
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"payloads\"}]"))
                .isInstanceOf(PayloadRefusedException.class)
                        .hasMessageContaining("Unparseable extended-client pointer");
    }

    @Test
    void aSizeAttributeOnSomethingElseThanAPointerIsRefused() {
        assertThatThrownBy(() -> parse("not a pointer", Map.of("SQSLargePayloadSize", number(1))))
                .isInstanceOf(PayloadRefusedException.class)
                        .hasMessageContaining("Unparseable extended-client pointer");
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
                    .as(key).isInstanceOf(PayloadRefusedException.class)
                            .hasMessageContaining(TrustSettings.POINTER_PREFIXES.name());
        }
    }

    @Test
    void aPointerKeyWithDotOrEmptySegmentsIsRefusedEvenUnderThePrefix() {
        for (String key : List.of("offload/../input/x", "offload/./x", "offload//x", "offload/x/..",
                "offload/a\\..\\b")) {
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
        for (String body : List.of("{\"Records\":[null]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\"}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\","
                        + "\"s3\":{\"bucket\":{\"name\":\"payloads\"}}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\","
                        + "\"s3\":{\"object\":{\"key\":\"input/a\"}}}]}",
                "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{},"
                        + "\"object\":{}}}]}",
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"payloads\"},"
                        + "\"object\":{\"key\":\"input/a\"}}}]}",
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
                .isInstanceOfSatisfying(ObjectReference.class, object -> assertThat(object.expectedSize())
                        .isEqualTo(300_000L));
    }

    @Test
    void aPointerSizeAttributeThatIsNoByteCountIsRefused() {
        for (String size : List.of("abc", "-5", "100000000000000000000", "1.5", "", " 7")) {
            assertThatThrownBy(() -> parse(
                    pointer("software.amazon.payloadoffloading.PayloadS3Pointer", BUCKET, "offload/1"),
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

    static ObjectReference onlyObject(List<PayloadReference> references) {
        assertThat(references).hasSize(1).first().isInstanceOf(ObjectReference.class);
        return (ObjectReference) references.get(0);
    }

    @Test
    void anAwsS3EventIsReadAsDocumented() {
        ObjectReference object = onlyObject(parse(SenderEvents.AWS));

        assertThat(object.key()).isEqualTo("input/Happy Face+1.jpg");
        assertThat(object.versionId()).isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
        assertThat(object.eventTime()).isEqualTo(Instant.EPOCH);
        assertThat(object.eventIssues()).isNull();
    }

    @Test
    void aMinioEventNamedWithTheS3PrefixIsAPayloadWithItsKeyDecoded() {
        ObjectReference object = onlyObject(parse(SenderEvents.MINIO.formatted("s3:ObjectCreated:Put")));

        assertThat(object.key()).isEqualTo("input/hello world.jpg");
        assertThat(object.versionId()).isNull();
        assertThat(object.eventTime()).isEqualTo(Instant.parse("2019-10-22T09:27:27.123Z"));
        assertThat(object.eventIssues()).isNull();
    }

    @Test
    void minioObjectCreatedEventsThatOnlyChangeMetadataAreNoNewPayload() {
        for (String name : List.of("s3:ObjectCreated:PutTagging", "s3:ObjectCreated:DeleteTagging",
                "s3:ObjectCreated:PutRetention",
                "s3:ObjectCreated:PutLegalHold", "s3:ObjectRemoved:Delete")) {
            assertThat(parse(SenderEvents.MINIO.formatted(name))).as(name).isEmpty();
        }
    }

    @Test
    void aCephEventWithItsSizeAsAStringAndAnEmptyVersionIdNamesTheCurrentObject() {
        for (String name : List.of("ObjectCreated:Put", "s3:ObjectCreated:Put")) {
            ObjectReference object = onlyObject(parse(SenderEvents.CEPH.formatted(name)));

            assertThat(object.key()).as(name).isEqualTo("input/myimage1.jpg");
            assertThat(object.versionId()).as(name).isNull();
            assertThat(object.eventTime()).as(name).isEqualTo(Instant.parse("2019-11-22T13:47:35.124724Z"));
            assertThat(object.eventIssues()).as(name).isNull();
        }
    }

    @Test
    void twoLocalStackEventsOfOneKeyAreTwoPayloadsThoughTheyShareTheirSequencer() {
        ObjectReference first = onlyObject(
                parse(SenderEvents.LOCALSTACK.formatted("5eb63bbbe01eeed093cb22bb8f5acdc3",
                "2026-12-07T02:14:24.192Z")));
        ObjectReference overwrite = onlyObject(
                parse(SenderEvents.LOCALSTACK.formatted("7b502c3a1f48c8609ae212cdfb639dee",
                "2026-12-07T02:14:25.020Z")));

        assertThat(first.key()).isEqualTo("input/hello world+1.txt");
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2026-12-07T02:14:24.192Z"));
        assertThat(overwrite.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }

    @Test
    void twoMotoEventsOfOneKeyAreTwoPayloadsThoughMotoWritesNoSequencer() {
        ObjectReference first = onlyObject(
                parse(SenderEvents.MOTO.formatted("5eb63bbbe01eeed093cb22bb8f5acdc3", "2026-12-07T02:14:24.192790")));
        ObjectReference sameBytesAgain = onlyObject(
                parse(SenderEvents.MOTO.formatted("5eb63bbbe01eeed093cb22bb8f5acdc3", "2026-12-07T02:14:25.000012")));

        assertThat(first.key()).isEqualTo("input/hello world.txt");
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2026-12-07T02:14:24.192790Z"));
        assertThat(sameBytesAgain.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        assertThat(onlyObject(parse(SenderEvents.MOTO.formatted("5eb63bbbe01eeed093cb22bb8f5acdc3",
                "2026-12-07T02:14:24.192790")))
                .idempotencyKey()).isEqualTo(first.idempotencyKey());
    }

    @Test
    void everyEventVersionOfMajorVersion2TheSendersWriteIsRead() {
        for (String version : List.of("2.0", "2.1", "2.2", "2.3", "2.4", "2.5")) {
            assertThat(parse(s3Event(record(version, "ObjectCreated:Put", BUCKET, "input/a", "01")))).as(version)
                    .hasSize(1);
        }
    }

    @Test
    void fieldsTheDeliveryDoesNotNeedThatCannotBeReadAreReportedNotRefused() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                .replace("\"2026-01-01T00:00:00.000Z\"", "\"yesterday\"").replace("\"size\":1024", "\"size\":\"12 KB\"")
                .replace("\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\"", "\"eTag\":7")
                        .replace("\"sequencer\":\"01\"", "\"sequencer\":\"next\""));

        ObjectReference object = onlyObject(parse(event));

        assertThat(object.key()).isEqualTo("input/a");
        assertThat(object.eventTime()).isNull();
        assertThat(object.eventIssues())
                .isEqualTo("eventTime \"yesterday\" is no ISO-8601 time; size \"12 KB\" is no byte count; "
                + "eTag 7 is no string; sequencer \"next\" is no hexadecimal value");
    }

    @Test
    void sizesAsNumbersOrAsStringsOfDigitsAndAMissingTimeAreNoIssue() {
        for (String size : List.of("1024", "\"1024\"", "0")) {
            String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                    .replace("\"size\":1024", "\"size\":" + size)
                    .replace("\"eventTime\":\"2026-01-01T00:00:00.000Z\",", ""));

            ObjectReference object = onlyObject(parse(event));

            assertThat(object.eventIssues()).as(size).isNull();
            assertThat(object.eventTime()).as(size).isNull();
        }
    }

    @Test
    void aVersionIdThatIsNoStringIsRefused() {
        String event = s3Event(record("2.1", "ObjectCreated:Put", BUCKET, "input/a", "01")
                .replace("\"sequencer\"", "\"versionId\":3,\"sequencer\""));

        assertThatThrownBy(() -> parse(event)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("versionId 3 is no string");
    }

    final MessageParser granting = new MessageParser(Set.of(BUCKET, "second"),
            List.of(new PointerGrant(null, "offload/"), new PointerGrant("sns-offloads", ""),
                    new PointerGrant("shared", "large/")));

    List<PayloadReference> pointedAt(String bucket, String key) {
        return granting.parse(new IncomingMessage("message-1", pointer(POINTER_CLASS, bucket, key),
                Map.of("ExtendedPayloadSize", number(5)), SENT));
    }

    @Test
    void aPointerToTheRootOfABucketGrantedWholeIsHonouredThoughTheBucketIsNotAnAllowedBucket() {
        ObjectReference object = onlyObject(pointedAt("sns-offloads", "8a3c5ee1-6b0f-4d0f-9a53-7c55c3f0e2a1"));

        assertThat(object.bucket()).isEqualTo("sns-offloads");
        assertThat(object.key()).isEqualTo("8a3c5ee1-6b0f-4d0f-9a53-7c55c3f0e2a1");
        assertThat(object.expectedSize()).isEqualTo(5L);
    }

    @Test
    void aBucketGrantHoldsUnderItsPrefixInItsBucketOnly() {
        assertThat(pointedAt("shared", "large/x")).hasSize(1);
        for (List<String> refused : List.of(List.of("shared", "other/x"), List.of("shared", "offload/x"),
                List.of(BUCKET, "large/x"))) {
            assertThatThrownBy(() -> pointedAt(refused.get(0), refused.get(1))).as(refused.toString())
                    .isInstanceOf(PayloadRefusedException.class)
                            .hasMessageContaining(
                            TrustSettings.POINTER_PREFIXES.name()
                            + " (offload/, s3://sns-offloads/, s3://shared/large/)");
        }
    }

    @Test
    void aBarePrefixHoldsInEveryAllowedBucketAndNoOther() {
        assertThat(pointedAt("second", "offload/x")).hasSize(1);
        assertThatThrownBy(() -> pointedAt("elsewhere", "offload/x")).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("elsewhere is not in chain.consumer.allowed-buckets");
    }

    @Test
    void anEventOfABucketGrantedToPointersOnlyIsRefused() {
        assertThatThrownBy(() -> granting.parse(
                new IncomingMessage("message-1", s3Event(record("2.1", "ObjectCreated:Put", "sns-offloads", "x", "01")),
                Map.of(), SENT))).isInstanceOf(PayloadRefusedException.class)
                        .hasMessageContaining("sns-offloads is not in chain.consumer.allowed-buckets");
    }

    @Test
    void aPointerInAnSnsEnvelopeHasTheSizeOfTheEnvelopesMessageAttribute() {
        for (String attribute : List.of("ExtendedPayloadSize", "SQSLargePayloadSize")) {
            String sns = snsEnvelope(pointer(POINTER_CLASS, BUCKET, "offload/1"), "{\"" + attribute
                    + "\":{\"Type\":\"Number\",\"Value\":\"300000\"}}");

            ObjectReference object = onlyObject(parse(sns));

            assertThat(object.source()).as(attribute).isEqualTo(PayloadSource.EXTENDED_POINTER);
            assertThat(object.expectedSize()).as(attribute).isEqualTo(300_000L);
        }
    }

    @Test
    void aPointerThatIsTheDetailOfAnEventBridgeEventIsHonoured() {
        ObjectReference object = onlyObject(
                parse(eventBridgeEvent("my.producer", "Large payload", pointer(POINTER_CLASS, BUCKET, "offload/2"))));

        assertThat(object.source()).isEqualTo(PayloadSource.EXTENDED_POINTER);
        assertThat(object.key()).isEqualTo("offload/2");
        assertThat(object.idempotencyKey()).isEqualTo("sqs-message:message-1");
    }

    @Test
    void aPointerAPipeForwardsInAnEventBridgeEventHasTheSizeOfItsRecordsAttribute() {
        String record = sqsRecord(pointer(POINTER_CLASS, BUCKET, "offload/3"), "ExtendedPayloadSize", "300000");

        ObjectReference object = onlyObject(
                parse(eventBridgeEvent("Pipe extended-to-bus", "Event from aws:sqs", record)));

        assertThat(object.key()).isEqualTo("offload/3");
        assertThat(object.expectedSize()).isEqualTo(300_000L);
    }

    @Test
    void aPointerInAnEventBridgeEventIsHonouredOnlyUnderThePointerPrefixes() {
        assertThatThrownBy(() -> parse(
                eventBridgeEvent("my.producer", "Large payload", pointer(POINTER_CLASS, BUCKET, "input/theirs"))))
                .isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining(TrustSettings.POINTER_PREFIXES.name());
    }

    @Test
    void anEventBridgeEventWithoutAPointerStaysTheInlinePayloadItWas() {
        for (String detail : List.of("{\"order\":42}", "[1,2]", sqsRecord("plain text", "origin", "1"))) {
            String event = eventBridgeEvent("my.producer", "Order placed", detail);

            assertThat(parse(event)).as(detail).singleElement().isInstanceOfSatisfying(InlinePayload.class,
                    inline -> assertThat(inline.body()).isEqualTo(event));
        }
    }
}
