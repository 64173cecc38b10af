package io.sqsextended.chain.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.consumer.events.PayloadRefusedException;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.testkit.TestEvents.eventBridgeObjectCreated;
import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static io.sqsextended.chain.testkit.TestEvents.record;
import static io.sqsextended.chain.testkit.TestEvents.s3Event;
import static io.sqsextended.chain.testkit.TestEvents.snsEnvelope;
import static io.sqsextended.chain.testkit.TestEvents.testEvent;
import static io.sqsextended.chain.testkit.Queues.attribute;
import static io.sqsextended.chain.testkit.RandomBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The consumer chain end to end: objects uploaded to the embedded S3, messages on its SQS, a recording downstream. */
class ConsumerChainTest {

    static final int REDELIVERIES = 2;
    /**
     * A bucket kept for offloaded payloads, granted whole: the libraries without a key prefix option write at its root.
     */
    static final String OFFLOADS = "offloaded-payloads";
    static final long INITIAL_DELAY = 200;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().properties(Map.of(
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), String.valueOf(REDELIVERIES),
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), String.valueOf(INITIAL_DELAY),
                    ConsumerSettings.REDELIVERY_MULTIPLIER.name(), "2",
                    TrustSettings.POINTER_PREFIXES.name(), "offload/, s3://" + OFFLOADS + "/"))
            .afterStart(c -> c.s3().createBucket(r -> r.bucket(OFFLOADS)));

    @AfterEach
    void everyDownstreamAcceptsAgain() {
        chain.downstream().failWhen = subject -> false;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain.bin", "with space and+plus.bin", "données-été 数据 ünï.txt",
            "dir/sub dir/a+b=c&d.bin"})
    void aPayloadUploadedUnderInputReachesTheDownstreamByteForByteWithItsHeaders(String name) throws Exception {
        String key = "input/" + UUID.randomUUID() + "/" + name;
        byte[] payload = randomBytes(300_000);
        String eTag = chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key).contentType("application/x-test")
                .metadata(Map.of("origin", "test", "batch", "7")),
                RequestBody.fromBytes(payload)).eTag();

        RecordingDownstream.Attempt delivery = chain.downstream().awaitKey(key);

        assertThat(delivery.body()).isEqualTo(payload);
        assertThat(delivery.headers()).containsEntry(PayloadHeaders.BUCKET, chain.bucket())
                .containsEntry(PayloadHeaders.KEY, key)
                .containsEntry(PayloadHeaders.SIZE, (long) payload.length)
                .containsEntry(PayloadHeaders.ETAG, eTag.replace("\"", ""))
                .containsEntry(PayloadHeaders.CONTENT_TYPE, "application/x-test")
                .containsEntry(PayloadHeaders.SOURCE, "s3-event")
                .containsEntry(PayloadHeaders.METADATA_PREFIX + "origin", "test")
                .containsEntry(PayloadHeaders.METADATA_PREFIX + "batch", "7");
        assertThat(Instant.parse(delivery.header(PayloadHeaders.EVENT_TIME)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(download(delivery.header(PayloadHeaders.DOWNLOAD_URL))).isEqualTo(payload);
    }

    @Test
    void aMultipartUploadReachesTheDownstreamWhole() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/multipart upload.bin";
        byte[] payload = randomBytes(11 * 1024 * 1024);
        String uploadId = chain.s3().createMultipartUpload(r -> r.bucket(chain.bucket()).key(key)).uploadId();
        int partSize = 5 * 1024 * 1024;
        List<CompletedPart> parts = new java.util.ArrayList<>();
        for (int part = 1, offset = 0; offset < payload.length; part++, offset += partSize) {
            int number = part;
            int length = Math.min(partSize, payload.length - offset);
            String partETag = chain.s3().uploadPart(r -> r.bucket(chain.bucket()).key(key).uploadId(uploadId)
                    .partNumber(number),
                    RequestBody.fromBytes(java.util.Arrays.copyOfRange(payload, offset, offset + length))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(partETag).build());
        }
        chain.s3().completeMultipartUpload(r -> r.bucket(chain.bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        RecordingDownstream.Attempt delivery = chain.downstream().awaitKey(key);

        assertThat(sha256(delivery.body())).isEqualTo(sha256(payload));
        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SIZE, (long) payload.length);
    }

    @Test
    void theS3TestEventIsAcknowledgedAndNothingGoesDownstream() {
        String messageId = chain.queues().send(testEvent(chain.bucket()));

        chain.queues().awaitNothingPending();
        assertThat(chain.downstream().of(d -> messageId.equals(d.messageId()))).isEmpty();
    }

    @Test
    void anS3EventWrappedBySnsIsDelivered() {
        String key = "other/" + UUID.randomUUID() + "/via sns+topic.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("sns"));

        chain.queues().send(snsEnvelope(objectCreated(chain.bucket(), key, "0A")));

        assertThat(chain.downstream().awaitKey(key).body()).asString().isEqualTo("sns");
    }

    @Test
    void anEventBridgeObjectCreatedEventIsDeliveredWithItsKeyTakenAsIs() {
        String key = "other/" + UUID.randomUUID() + "/via eventbridge+rule.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("eventbridge"));

        chain.queues().send(eventBridgeObjectCreated(chain.bucket(), key, "0B"));

        RecordingDownstream.Attempt delivery = chain.downstream().awaitKey(key);
        assertThat(delivery.body()).asString().isEqualTo("eventbridge");
        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SOURCE, "s3-event");
    }

    @ParameterizedTest(name = "size attribute ExtendedPayloadSize: {0}")
    @ValueSource(booleans = {true, false})
    void a2MiBMessageOfTheAwsExtendedClientIsDeliveredAndItsObjectDeletedAfterTheMessage(boolean newAttributeName)
            throws Exception {
        String payload = "large " + UUID.randomUUID() + " " + "x".repeat(2 * 1024 * 1024);
        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(chain.clientSettings()), chain.bucket())
                .withS3KeyPrefix("offload/");
        if (newAttributeName) {
            config.withLegacyReservedAttributeNameDisabled();
        }
        // the library closes the clients it is given
        try (var extended = new AmazonSQSExtendedClient(AwsClients.sqs(chain.clientSettings()), config)) {
            extended.sendMessage(r -> r.queueUrl(chain.queues().queueUrl).messageBody(payload));
        }

        RecordingDownstream.Attempt delivery = await()
                .until(() -> chain.downstream().of(d -> payload.equals(new String(d.body()))), l -> !l.isEmpty())
                .get(0);

        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SOURCE, "extended-pointer")
                .containsEntry(PayloadHeaders.BUCKET, chain.bucket())
                .containsEntry(newAttributeName ? "ExtendedPayloadSize" : "SQSLargePayloadSize",
                        String.valueOf(payload.length()));
        assertThat(delivery.key()).startsWith("offload/");
        chain.queues().awaitNothingPending();
        await().untilAsserted(() -> assertThatThrownBy(() -> chain.s3()
                .headObject(r -> r.bucket(chain.bucket()).key(delivery.key())))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class));
    }

    @Test
    void aPayloadTheAwsExtendedClientOffloadsToTheRootOfABucketGrantedWholeReachesTheDownstreamAndItsObjectIsDeleted() {
        String payload = "offloaded " + UUID.randomUUID() + " " + "x".repeat(300_000);
        // no withS3KeyPrefix: the layout of the SNS extended clients,
        // the Python clients and Powertools (a UUID at the root)
        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(chain.clientSettings()), OFFLOADS)
                .withLegacyReservedAttributeNameDisabled();
        // the library closes the clients it is given
        try (var extended = new AmazonSQSExtendedClient(AwsClients.sqs(chain.clientSettings()), config)) {
            extended.sendMessage(r -> r.queueUrl(chain.queues().queueUrl).messageBody(payload));
        }

        RecordingDownstream.Attempt delivery = await()
                .until(() -> chain.downstream().of(d -> payload.equals(d.text())), l -> !l.isEmpty()).get(0);

        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SOURCE, "extended-pointer")
                .containsEntry(PayloadHeaders.BUCKET, OFFLOADS)
                .containsEntry("ExtendedPayloadSize", String.valueOf(payload.length()));
        assertThat(delivery.key()).doesNotContain("/");
        chain.queues().awaitNothingPending();
        await().untilAsserted(() -> assertThatThrownBy(() -> chain.s3()
                .headObject(r -> r.bucket(OFFLOADS).key(delivery.key())))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class));
    }

    @Test
    void anS3EventWhoseTimeAndSizeCannotBeReadIsDeliveredWithThemInPayloadEventIssues() {
        String key = "other/" + UUID.randomUUID() + "/odd event.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("odd"));

        chain.queues().send(s3Event(record("2.1", "ObjectCreated:Put", chain.bucket(), key, "0A")
                .replace("\"2026-01-01T00:00:00.000Z\"", "\"Mon Dec  7 04:00:00 2026\"")
                .replace("\"size\":1024", "\"size\":-3")));

        RecordingDownstream.Attempt delivery = chain.downstream().awaitKey(key);
        assertThat(delivery.text()).isEqualTo("odd");
        assertThat(delivery.header(PayloadHeaders.EVENT_ISSUES))
                .isEqualTo("eventTime \"Mon Dec  7 04:00:00 2026\" is no ISO-8601 time; size -3 is no byte count");
        assertThat(delivery.headers()).doesNotContainKey(PayloadHeaders.EVENT_TIME);
    }
    @Test
    void anyOtherMessageIsDeliveredInline() {
        String body = "{\"order\":\"" + UUID.randomUUID() + "\",\"note\":\"été\"}";

        String messageId = chain.queues().send(body);

        RecordingDownstream.Attempt delivery = await()
                .until(() -> chain.downstream().of(d -> messageId.equals(d.messageId())), l -> !l.isEmpty()).get(0);
        assertThat(delivery.body()).asString().isEqualTo(body);
        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SOURCE, "inline")
                .containsEntry(PayloadHeaders.SIZE,
                        (long) body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .doesNotContainKey(PayloadHeaders.BUCKET);
    }

    @Test
    void aDuplicatedEventIsDeliveredOnce() {
        String key = "other/" + UUID.randomUUID() + "/twice.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("once"));
        String event = objectCreated(chain.bucket(), key, "0C");

        chain.queues().send(event);
        chain.downstream().awaitKey(key);
        chain.queues().send(event);

        chain.queues().awaitNothingPending();
        assertThat(chain.downstream().ofKey(key)).hasSize(1);
    }

    @Test
    void aFailingDownstreamIsRedeliveredWithBackoffThenTheOriginalMessageGoesToTheDeadLetterQueue() {
        String key = "other/" + UUID.randomUUID() + "/refused.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("refused"));
        chain.downstream().failWhen = key::equals;
        String body = objectCreated(chain.bucket(), key, "0D");
        MessageAttributeValue trace = MessageAttributeValue.builder().dataType("String").stringValue("trace-1").build();

        String messageId = chain.queues().send(body, Map.of("traceId", trace));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        List<RecordingDownstream.Attempt> attempts = chain.downstream().ofKey(key);
        assertThat(attempts).hasSize(1 + REDELIVERIES);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(INITIAL_DELAY * 1_000_000);
        assertThat(attempts.get(2).at() - attempts.get(1).at()).isGreaterThanOrEqualTo(2 * INITIAL_DELAY * 1_000_000);
        assertThat(deadLetter.body()).isEqualTo(body);
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_CLASS))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE)).isEqualTo("Downstream refused " + key);
        assertThat(attribute(deadLetter, DeadLetterSender.FAILED_ROUTE)).isEqualTo(RecordingDownstream.ROUTE_ID);
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo(String.valueOf(1 + REDELIVERIES));
        assertThat(Instant.parse(attribute(deadLetter, DeadLetterSender.FAILED_AT))).isBefore(Instant.now());
        assertThat(attribute(deadLetter, "traceId")).isEqualTo("trace-1");
        chain.queues().awaitNothingPending();
    }

    @Test
    void afterADeadLetterTheChainGoesOnConsuming() {
        String refused = "other/" + UUID.randomUUID() + "/refused.txt";
        String accepted = "other/" + UUID.randomUUID() + "/accepted.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(refused), RequestBody.fromString("refused"));
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(accepted), RequestBody.fromString("accepted"));
        chain.downstream().failWhen = refused::equals;

        String refusedId = chain.queues().send(objectCreated(chain.bucket(), refused, "0E"));
        chain.queues().awaitDeadLetter(m -> refusedId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        chain.queues().send(objectCreated(chain.bucket(), accepted, "0F"));

        assertThat(chain.downstream().awaitKey(accepted).body()).asString().isEqualTo("accepted");
    }

    @Test
    void aMissingObjectGoesToTheDeadLetterQueueWithoutRedelivery() {
        String key = "input/" + UUID.randomUUID() + "/never uploaded.txt";

        String messageId = chain.queues().send(objectCreated(chain.bucket(), key, "10"));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_CLASS))
                .isEqualTo(PayloadRefusedException.class.getName());
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE)).contains(key, "does not exist");
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("1");
        assertThat(chain.downstream().ofKey(key)).isEmpty();
        chain.queues().awaitNothingPending();
    }

    @Test
    void aPointerToAForeignBucketGoesToTheDeadLetterQueueWithoutRedelivery() {
        String body = pointer("software.amazon.payloadoffloading.PayloadS3Pointer", "someone-elses-bucket", "offload/"
                + UUID.randomUUID());
        MessageAttributeValue size = MessageAttributeValue.builder().dataType("Number").stringValue("300000").build();

        String messageId = chain.queues().send(body, Map.of("ExtendedPayloadSize", size));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(deadLetter.body()).isEqualTo(body);
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE))
                .contains("someone-elses-bucket is not in chain.consumer.allowed-buckets");
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("1");
        assertThat(deadLetter.messageAttributes().get("ExtendedPayloadSize")).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%s", "offload/../%s", "offload/%%2E%%2E/%s"})
    void aPointerToAProducersUploadIsDeadLetteredAndTheUploadNeverDeleted(String pattern) {
        String upload = "input/" + UUID.randomUUID() + "/theirs.csv";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(upload), RequestBody.fromString("a producer's upload"));
        String body = pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(),
                pattern.formatted(upload));

        String messageId = chain.queues().send(body, Map.of("ExtendedPayloadSize", number(18)));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_CLASS))
                .isEqualTo(PayloadRefusedException.class.getName());
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("1");
        chain.queues().awaitNothingPending();
        assertThat(chain.s3().getObjectAsBytes(r -> r.bucket(chain.bucket()).key(upload)).asUtf8String())
                .isEqualTo("a producer's upload");
    }

    @ParameterizedTest(name = "declared {0}")
    @ValueSource(strings = {"1", "100000"})
    void aPointerWhoseSizeAttributeIsNotItsObjectsSizeIsDeadLetteredAndTheObjectKept(String declared) {
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("twelve bytes"));

        String messageId = chain.queues()
                .send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of("ExtendedPayloadSize", number(Long.parseLong(declared))));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE))
                .contains("declares " + declared + " bytes, the object has 12");
        assertThat(chain.downstream().ofKey(key)).isEmpty();
        assertThat(chain.s3().headObject(r -> r.bucket(chain.bucket()).key(key)).contentLength()).isEqualTo(12L);
    }

    @Test
    void aPointerPublishedThroughDirectPublishIsDeliveredAsTheBytesItIsAndNamesNothing() {
        String upload = "input/" + UUID.randomUUID() + "/theirs.csv";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(upload), RequestBody.fromString("a producer's upload"));
        String smuggled = pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), upload);

        String messageId = chain.context().createProducerTemplate()
                .requestBody("direct:publish", smuggled, io.sqsextended.chain.producer.PublishResult.class)
                .messageId();

        RecordingDownstream.Attempt delivery = await()
                .until(() -> chain.downstream().of(d -> messageId.equals(d.messageId())), l -> !l.isEmpty()).get(0);
        assertThat(delivery.body()).asString().isEqualTo(smuggled);
        assertThat(delivery.headers()).containsEntry(PayloadHeaders.SOURCE, "inline");
        chain.queues().awaitNothingPending();
        // the upload's own S3 event delivers it, as s3-event; nothing delivers it as a pointer
        assertThat(chain.downstream().ofKey(upload)).extracting(d -> d.header(PayloadHeaders.SOURCE))
                .containsOnly("s3-event");
        assertThat(chain.s3().getObjectAsBytes(r -> r.bucket(chain.bucket()).key(upload)).asUtf8String())
                .isEqualTo("a producer's upload");
    }

    static MessageAttributeValue number(long value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(value)).build();
    }

    @Test
    void anS3EventOfAnotherMajorVersionGoesToTheDeadLetterQueueWithTheReason() {
        String messageId = chain.queues()
                .send(s3Event(record("3.0", "ObjectCreated:Put", chain.bucket(), "input/future.txt", "11")));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE))
                .isEqualTo("Unsupported S3 event version 3.0 (major version 2 is supported)");
        assertThat(attribute(deadLetter, DeadLetterSender.FAILED_ROUTE)).isEqualTo(ConsumerRoutes.CONSUME_ROUTE);
    }

    private static byte[] download(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
