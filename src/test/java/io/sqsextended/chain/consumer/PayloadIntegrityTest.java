package io.sqsextended.chain.consumer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Checksums;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.producer.ExtendedPublisher;
import io.sqsextended.chain.producer.OutgoingMessage;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.PayloadHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.presign.PresignSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys outside the input prefix: no S3 notification, the test sends the event. The consumer verifies each S3 payload as
 * the downstream reads it, against the checksum S3 keeps: bytes changed in the store after the upload fail the read at
 * its end and go to the dead-letter queue as {@code checksum-mismatch}.
 */
class PayloadIntegrityTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().properties(Map.of(
            ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "2",
            ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "200",
            // multipart from 6 MiB, in parts of S3's minimum (5 MiB)
            PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
            PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));

    @Test
    void aPayloadCarriesTheCrc64NvmeItWasVerifiedAgainst() {
        String key = "other/" + UUID.randomUUID() + "/crc.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("checked on the way down"));
        String stored = chain.s3().headObject(r -> r.bucket(chain.bucket()).key(key).checksumMode(ChecksumMode.ENABLED))
                .checksumCRC64NVME();

        chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        RecordingDownstream.Attempt delivered = chain.downstream().awaitKey(key);
        assertThat(delivered.failure()).isNull();
        assertThat(stored).isNotBlank();
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_CRC64NVME)).isEqualTo(stored);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isNull();
    }

    @Test
    void aPayloadUploadedWithASha256CarriesTheSha256ItWasVerifiedAgainst() throws Exception {
        String key = "other/" + UUID.randomUUID() + "/sha.txt";
        byte[] bytes = "named by its producer".getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key).checksumSHA256(sha256),
                RequestBody.fromBytes(bytes));

        chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        RecordingDownstream.Attempt delivered = chain.downstream().awaitKey(key);
        assertThat(delivered.failure()).isNull();
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isEqualTo(sha256);
    }

    /** The first attempt read the whole body before failing: a check that did not start again would fail the second. */
    @Test
    void aRedeliveryVerifiesThePayloadAfreshFromItsFirstByte() {
        String key = "other/" + UUID.randomUUID() + "/again.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key),
                RequestBody.fromString("read twice, verified twice"));
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        chain.downstream().failWhen = subject -> subject.equals(key) && failedOnce.add(subject);

        chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        await().until(() -> chain.downstream().ofKey(key), attempts -> attempts.size() == 2);
        assertThat(chain.downstream().ofKey(key)).extracting(RecordingDownstream.Attempt::delivered)
                .containsExactly(false, true);
        assertThat(chain.downstream().ofKey(key).get(1).text()).isEqualTo("read twice, verified twice");
    }

    @Test
    void bytesChangedInTheStoreFailTheReadAndGoToTheDeadLetterQueueAsChecksumMismatchWithoutRedelivery()
            throws IOException {
        String key = "other/" + UUID.randomUUID() + "/rotten.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("the bytes as uploaded"));
        corrupt(key, "THE BYTES AS UPLOADED");

        String messageId = chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("checksum-mismatch");
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("1");
        assertThat(chain.downstream().of(d -> messageId.equals(d.messageId()))).singleElement().satisfies(attempt ->
                assertThat(attempt.failure()).contains("ChecksumMismatchException"));
    }

    @Test
    void aPointerWhoseSha256AttributeIsNotItsObjectsGoesToTheDeadLetterQueueAsChecksumMismatch() throws Exception {
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("what the object holds"));

        String messageId = chain.queues()
                .send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of(PayloadSha256.ATTRIBUTE,
                        text(sha256("what the producer sent".getBytes(StandardCharsets.UTF_8)))));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("checksum-mismatch");
        assertThat(chain.s3().headObject(r -> r.bucket(chain.bucket()).key(key)).contentLength()).as("kept for a look")
                .isEqualTo(21L);
    }

    @Test
    void aPointerWhoseSha256AttributeIsNotASha256IsRefused() {
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromString("bytes"));

        String messageId = chain.queues()
                .send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of(PayloadSha256.ATTRIBUTE, text("not a checksum")));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("refused");
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_MESSAGE)).contains(PayloadSha256.ATTRIBUTE);
    }

    @Test
    void aPayloadOffloadedByTheExtendedProducerIsVerifiedAgainstItsSha256Attribute() throws Exception {
        byte[] payload = new byte[300_000];
        new Random(15).nextBytes(payload);
        ExtendedPublisher publisher = chain.context().getRegistry()
                .lookupByNameAndType("extendedPublisher", ExtendedPublisher.class);

        String messageId = publisher.publish(chain.queues().queueUrl,
                OutgoingMessage.of(payload, "application/octet-stream")).messageId();

        RecordingDownstream.Attempt delivered = await()
                .until(() -> chain.downstream().of(d -> messageId.equals(d.messageId())), l -> !l.isEmpty()).get(0);
        assertThat(delivered.failure()).isNull();
        assertThat(delivered.body()).isEqualTo(payload);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isEqualTo(sha256(payload));
    }

    @Test
    void aMultipartUploadWithTheProducersCrc64NvmeIsDeliveredVerifiedAgainstIt() {
        byte[] payload = new byte[7 * 1024 * 1024 + 3];
        new Random(16).nextBytes(payload);
        String crc64Nvme = Checksums.crc64Nvme(payload);
        ApiClient api = new ApiClient(chain.api());
        JsonNode plan = api.postJson("/v1/uploads", ApiClient.PRODUCER,
                Map.of("contentType", "application/octet-stream",
                "contentLength", payload.length, "checksumCrc64Nvme", crc64Nvme)).json();
        ApiClient.Reply completed = api.postJson("/v1/uploads/complete", ApiClient.PRODUCER,
                Map.of("key", plan.get("key").asText(),
                "uploadId", plan.get("uploadId").asText(), "parts", api.uploadParts(plan, payload),
                        "checksumCrc64Nvme", crc64Nvme));
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);

        RecordingDownstream.Attempt delivered = chain.downstream().awaitKey(plan.get("key").asText());

        assertThat(delivered.failure()).isNull();
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_CRC64NVME)).isEqualTo(crc64Nvme);
        assertThat(delivered.body()).isEqualTo(payload);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * Overwrites the object's file in place: same length, its stored checksum (kept in the file's attributes) stays.
     */
    private static void corrupt(String key, String sameLength) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(chain.dataDir().resolve("s3").resolve(chain.bucket())
                .resolve(key).toFile(), "rw")) {
            assertThat(file.length()).isEqualTo(sameLength.length());
            file.write(sameLength.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
