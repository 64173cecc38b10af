package io.sqsextended.chain.consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.Checksums;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.PayloadHeaders;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
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

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static S3Client s3;
    static SqsClient sqs;
    static Queues queues;
    static String bucket;
    static final RecordingDownstream downstream = new RecordingDownstream();

    @BeforeAll
    static void start() throws Exception {
        app = ChainApp.builder(dataDir).consumer().downstream(RecordingDownstream.URI)
                .properties(Map.of("chain.consumer.fetch-payload", "false")).start();
        downstream.addTo(app.context());
        s3 = AwsClients.s3(app.clientSettings());
        sqs = AwsClients.sqs(app.clientSettings());
        queues = Queues.of(app, sqs);
        bucket = app.property("chain.bucket");
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        app.close();
    }

    @Test
    void theDownstreamGetsTheCrc64NvmeS3KeepsWithTheUrl() {
        String key = "other/" + UUID.randomUUID() + "/crc.txt";
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(BYTES));

        queues.send(objectCreated(bucket, key, "01"));

        RecordingDownstream.Attempt delivered = downstream.awaitKey(key);
        assertThat(delivered.header(PayloadHeaders.DOWNLOAD_URL)).startsWith("http");
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_CRC64NVME)).isEqualTo(Checksums.crc64Nvme(BYTES));
    }

    @Test
    void theDownstreamGetsTheProducersSha256AttributeWithTheUrl() {
        String key = "offload/" + UUID.randomUUID();
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(BYTES));
        String sha256 = Base64.getEncoder().encodeToString(Sha256.of(BYTES));

        String messageId = queues.send(pointer("software.amazon.payloadoffloading.PayloadS3Pointer", bucket, key),
                Map.of(PayloadSha256.ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(sha256).build()));

        RecordingDownstream.Attempt delivered = await()
                .until(() -> downstream.of(d -> messageId.equals(d.messageId())), l -> !l.isEmpty()).get(0);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_SHA256)).isEqualTo(sha256);
    }
}
