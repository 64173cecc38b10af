package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.wire.InlineMark;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extended producer sends inline what fits and offloads the rest in the AWS libraries' format. */
class ExtendedPublisherTest {

    static final int THRESHOLD = 262_144;

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static String bucket;
    String queueUrl;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
    }

    @BeforeEach
    void newQueue() {
        queueUrl = sqs.createQueue(r -> r.queueName("extended-" + UUID.randomUUID())).queueUrl();
    }

    @Test
    void aPayloadThatFitsIsSentInlineWithoutASizeAttributeMarkedAsInline() {
        PublishResult result = publisher(settings()).publish(queueUrl, OutgoingMessage.of("small payload"));

        Message received = receiveOne();
        assertThat(result.offloaded()).isFalse();
        assertThat(received.body()).isEqualTo("small payload");
        assertThat(received.messageAttributes()).containsOnlyKeys(InlineMark.ATTRIBUTE);
    }

    @Test
    void aPayloadOverTheThresholdGoesToS3AndAPointerInTheAwsFormatToSqs() {
        byte[] payload = text(THRESHOLD + 1);

        PublishResult result = publisher(settings()).publish(queueUrl, OutgoingMessage.of(payload, "text/plain"));

        Message received = receiveOne();
        assertThat(result.offloaded()).isTrue();
        assertThat(result.key()).startsWith("offload/");
        assertThat(received.body()).isEqualTo(
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\""
                + bucket + "\",\"s3Key\":\"" + result.key() + "\"}]");
        assertThat(received.messageAttributes()).containsOnlyKeys("ExtendedPayloadSize", PayloadSha256.ATTRIBUTE);
        assertThat(received.messageAttributes().get("ExtendedPayloadSize").dataType()).isEqualTo("Number");
        assertThat(received.messageAttributes().get("ExtendedPayloadSize").stringValue())
                .isEqualTo(String.valueOf(payload.length));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.key())).asByteArray()).isEqualTo(payload);
    }

    @Test
    void anOffloadedPayloadCarriesTheSha256OfItsBytes() throws Exception {
        byte[] payload = text(THRESHOLD + 1);

        publisher(settings()).publish(queueUrl, OutgoingMessage.of(payload, "text/plain"));

        MessageAttributeValue sha256 = receiveOne().messageAttributes().get(PayloadSha256.ATTRIBUTE);
        assertThat(sha256.dataType()).isEqualTo("String");
        assertThat(sha256.stringValue()).isEqualTo(base64Sha256(payload));
    }

    @Test
    void nineAttributesOfTheCallerLeaveNoRoomForTheSha256() {
        Map<String, MessageAttributeValue> nine = new HashMap<>();
        IntStream.range(0, 9).forEach(i -> nine.put("a" + i, OutgoingMessage.stringAttribute("v")));

        publisher(settings()).publish(queueUrl, OutgoingMessage.of(text(THRESHOLD + 1), "text/plain")
                .withAttributes(nine));

        assertThat(receiveOne().messageAttributes()).hasSize(10).containsKey("ExtendedPayloadSize")
                .doesNotContainKey(PayloadSha256.ATTRIBUTE);
    }

    @Test
    void theLegacySizeAttributeNameIsWrittenWhenConfigured() {
        var legacy = new ExtendedSettings(bucket, "offload/", THRESHOLD, true, true, null,
                (int) S3Limits.MIN_PART_SIZE);

        publisher(legacy).publish(queueUrl, OutgoingMessage.of("x"));

        assertThat(receiveOne().messageAttributes()).containsOnlyKeys("SQSLargePayloadSize", PayloadSha256.ATTRIBUTE);
    }

    @Test
    void alwaysThroughS3OffloadsEvenTheSmallestPayload() {
        var always = new ExtendedSettings(bucket, "offload/", THRESHOLD, true, false, null,
                (int) S3Limits.MIN_PART_SIZE);

        assertThat(publisher(always).publish(queueUrl, OutgoingMessage.of("x")).offloaded()).isTrue();
    }

    @Test
    void attributesCountTowardsTheThresholdLikeTheAwsLibraries() {
        byte[] payload = text(THRESHOLD - 10);
        var attributes = Map.of("origin", OutgoingMessage.stringAttribute("a-producer-name"));

        PublishResult result = publisher(settings())
                .publish(queueUrl, OutgoingMessage.of(payload, "text/plain").withAttributes(attributes));

        Message received = receiveOne();
        assertThat(result.offloaded()).isTrue();
        assertThat(received.messageAttributes()).containsKeys("origin", "ExtendedPayloadSize");
        assertThat(received.messageAttributes().get("origin").stringValue()).isEqualTo("a-producer-name");
    }

    @Test
    void bytesThatAreNotTextSqsCanCarryAreOffloadedWhateverTheirSize() {
        byte[] binary = {0, (byte) 0xC3, 0x28, 1, 2};

        PublishResult result = publisher(settings())
                .publish(queueUrl, OutgoingMessage.of(binary, "application/octet-stream"));

        assertThat(result.offloaded()).isTrue();
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.key())).asByteArray()).isEqualTo(binary);
    }

    @Test
    void aSmallStreamOfUnknownLengthIsSentInline() {
        InputStream stream = new ByteArrayInputStream("streamed but small".getBytes(StandardCharsets.UTF_8));

        PublishResult result = publisher(settings()).publish(queueUrl, OutgoingMessage.of(stream, -1, "text/plain"));

        assertThat(result.offloaded()).isFalse();
        assertThat(receiveOne().body()).isEqualTo("streamed but small");
    }

    @Test
    void aLargeStreamOfUnknownLengthIsUploadedInPartsAndItsSizeCounted() throws Exception {
        int size = 2 * (int) S3Limits.MIN_PART_SIZE + 12_345;
        byte[] payload = new byte[size];
        new java.util.Random(7).nextBytes(payload);

        PublishResult result = publisher(settings())
                .publish(queueUrl, OutgoingMessage.of(new ByteArrayInputStream(payload), -1,
                "application/octet-stream"));

        assertThat(result.size()).isEqualTo(size);
        Message received = receiveOne();
        assertThat(received.messageAttributes().get("ExtendedPayloadSize").stringValue())
                .isEqualTo(String.valueOf(size));
        assertThat(received.messageAttributes().get(PayloadSha256.ATTRIBUTE).stringValue())
                .isEqualTo(base64Sha256(payload));
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.key())).asByteArray();
        assertThat(MessageDigest.getInstance("SHA-256").digest(stored))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
    }

    @Test
    void aBatchOfTen200KiBMessagesIsSplitSoThatNoRequestExceedsOneMiB() {
        List<OutgoingMessage> messages = IntStream.range(0, 10)
                .mapToObj(i -> OutgoingMessage.of(text(200 * 1024, (char) ('a' + i)), "text/plain")).toList();

        List<PublishResult> results = publisher(settings()).publishBatch(queueUrl, messages);

        assertThat(results).allMatch(PublishResult::succeeded).noneMatch(PublishResult::offloaded);
        List<Message> received = receive(10);
        assertThat(received).extracting(m -> m.body().length()).containsOnly(200 * 1024);
        assertThat(received).extracting(m -> m.body().charAt(0))
                .containsExactlyInAnyOrder('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
    }

    @Test
    void batchesHoldAtMostTenEntriesAndOneMiB() {
        var small = new ExtendedPublisher.Prepared("x", Map.of(), null, 1, 1, null, null);
        var big = new ExtendedPublisher.Prepared("x", Map.of(), null, 1, 400_000, null, null);

        assertThat(ExtendedPublisher.batches(java.util.Collections.nCopies(23, small))).extracting(List::size)
                .containsExactly(10, 10, 3);
        assertThat(ExtendedPublisher.batches(java.util.Collections.nCopies(5, big))).extracting(List::size)
                .containsExactly(2, 2, 1);
    }

    @Test
    void theSizeAttributeNamesAreReservedAndTenAttributesAreTooMany() {
        var reserved = Map.of("ExtendedPayloadSize", OutgoingMessage.stringAttribute("1"));
        var sha256 = Map.of(PayloadSha256.ATTRIBUTE, OutgoingMessage.stringAttribute("x"));
        Map<String, MessageAttributeValue> ten = new HashMap<>();
        IntStream.range(0, 10).forEach(i -> ten.put("a" + i, OutgoingMessage.stringAttribute("v")));

        assertThatThrownBy(() -> publisher(settings())
                .publish(queueUrl, OutgoingMessage.of("x").withAttributes(reserved)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> publisher(settings())
                .publish(queueUrl, OutgoingMessage.of("x").withAttributes(sha256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> publisher(settings()).publish(queueUrl, OutgoingMessage.of("x").withAttributes(ten)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("At most 9");
    }

    @Test
    void whenSqsRefusesTheMessageTheOffloadedObjectIsRemoved() {
        String prefix = "offload/failed-" + UUID.randomUUID() + "/";
        var failing = new ExtendedSettings(bucket, prefix, THRESHOLD, true, false, null, (int) S3Limits.MIN_PART_SIZE);
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));

        assertThatThrownBy(() -> publisher(failing).publish(queueUrl, OutgoingMessage.of("lost?")))
                .isInstanceOf(PublishException.class);

        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()).isEmpty();
    }

    static ExtendedSettings settings() {
        return new ExtendedSettings(bucket, "offload/", THRESHOLD, false, false, null, (int) S3Limits.MIN_PART_SIZE);
    }

    static ExtendedPublisher publisher(ExtendedSettings settings) {
        return new ExtendedPublisher(s3, sqs, settings);
    }

    static String base64Sha256(byte[] bytes) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] text(int size) {
        return text(size, 'p');
    }

    static byte[] text(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private Message receiveOne() {
        List<Message> messages = receive(1);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private List<Message> receive(int count) {
        List<Message> received = new java.util.ArrayList<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
            return received.size() >= count;
        });
        return received;
    }
}
