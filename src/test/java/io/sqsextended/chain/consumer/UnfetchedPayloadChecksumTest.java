package io.sqsextended.chain.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Checksums;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static io.sqsextended.chain.testkit.TestEvents.pointer;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chain.consumer.fetch-payload=false}: the downstream gets the presigned URL, not the bytes, and the checksum
 * headers the app knows without reading them (the producer's SHA-256, else what S3 keeps), so that it can verify.
 */
class UnfetchedPayloadChecksumTest {

    static final byte[] BYTES = "read by the downstream itself".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream()
            .property(ConsumerSettings.FETCH_PAYLOAD.name(), "false");

    @Test
    void theDownstreamGetsTheCrc64NvmeS3KeepsWithTheUrl() {
        String key = "other/" + UUID.randomUUID() + "/crc.txt";
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromBytes(BYTES));

        chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        RecordingDownstream.Attempt delivered = chain.downstream().awaitKey(key);
        assertThat(delivered.header(PayloadHeaders.DOWNLOAD_URL)).startsWith("http");
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_CRC64NVME)).isEqualTo(Checksums.crc64Nvme(BYTES));
    }

    @Test
    void theDownstreamGetsTheProducersSha256AttributeWithTheUrl() {
        String key = "offload/" + UUID.randomUUID();
        chain.s3().putObject(r -> r.bucket(chain.bucket()).key(key), RequestBody.fromBytes(BYTES));
        String sha256 = Base64.getEncoder().encodeToString(Sha256.of(BYTES));

        String messageId = chain.queues()
                .send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", chain.bucket(), key),
                Map.of(PayloadSha256.ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(sha256)
                        .build()));

        RecordingDownstream.Attempt delivered = await()
                .until(() -> chain.downstream().of(d -> messageId.equals(d.messageId())), l -> !l.isEmpty()).get(0);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isEqualTo(sha256);
    }
}
