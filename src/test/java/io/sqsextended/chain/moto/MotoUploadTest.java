package io.sqsextended.chain.moto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.CliProcess;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.MotoChain;

import static io.sqsextended.chain.testkit.MotoChain.CONSUMER;
import static io.sqsextended.chain.testkit.MotoChain.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads into moto through the API's presigned URLs and through the product's CLI reach the downstream from moto's own
 * S3 notifications, byte for byte and once; presigned downloads read them back.
 */
@Tag("moto")
class MotoUploadTest {

    static final int MIB = 1024 * 1024;
    /**
     * Deliveries of one multipart upload: moto writes no sequencer
     * and notifies it twice, milliseconds apart, and without a sequencer the chain tells events apart by their time (an
     * overwrite with the same bytes is a new payload).
     */
    static final int MOTOS_MULTIPART_EVENTS = 2;

    @TempDir
    Path dataDir;
    @TempDir
    Path files;
    MotoChain chain;

    @BeforeEach
    void start() throws Exception {
        chain = MotoChain.start(dataDir);
    }

    @AfterEach
    void stop() {
        // null where moto_server is missing: the test was skipped before it started one
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void aSinglePutThroughTheApiIsDeliveredByteForByteOnce() {
        byte[] body = random(1000);
        JsonNode ticket = createUpload(body.length);

        assertThat(chain.api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body).status())
                .isEqualTo(200);

        assertDeliveredOnce(ticket.get("key").asText(), body);
    }

    /**
     * moto notifies a multipart completion twice, as ObjectCreated:Put and :CompleteMultipartUpload
     * (docs/compatibility.md).
     */
    @Test
    void aMultipartUploadThroughTheApiIsDeliveredByteForByteOncePerMotoEvent() {
        byte[] body = random(12 * MIB);
        JsonNode plan = createUpload(body.length);
        List<Map<String, Object>> parts = chain.api.uploadParts(plan, body);

        ApiClient.Reply completed = chain.api.complete(PRODUCER, plan, parts);

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(plan.get("parts")).hasSize(3);
        assertDelivered(plan.get("key").asText(), body, MOTOS_MULTIPART_EVENTS);
    }

    @Test
    void aFileTheCliUploadsInOnePutIsDeliveredByteForByteOnce() throws Exception {
        byte[] body = randomFile("small.bin", 100_000);

        String key = cliUpload("small.bin");

        assertDeliveredOnce(key, body);
    }

    /**
     * moto reports a 4-byte ChecksumCRC64NVME for the CLI's FULL_OBJECT multipart uploads: no checksum, not a mismatch.
     */
    @Test
    void aFileTheCliUploadsInPartsIsDeliveredByteForByteUnverifiedSayingWhy() throws Exception {
        byte[] body = randomFile("parts.bin", 16 * MIB);

        String key = cliUpload("parts.bin");

        RecordingDownstream.Attempt delivered = assertDelivered(key, body, MOTOS_MULTIPART_EVENTS);
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_MALFORMED))
                .contains("ChecksumCRC64NVME", "is 4 bytes", "not verifiable");
        assertThat(delivered.header(PayloadHeaders.CHECKSUM_CRC64NVME)).isNull();
    }

    /** moto's events carry no sequencer: the ETag tells the second version from a duplicate of the first. */
    @Test
    void aKeyOverwrittenWithOtherBytesIsDeliveredAgain() {
        String key = "input/overwritten.txt";
        chain.s3.putObject(r -> r.bucket(chain.stack.bucket()).key(key), RequestBody.fromString("first"));
        chain.downstream.awaitKey(key);

        chain.s3.putObject(r -> r.bucket(chain.stack.bucket()).key(key), RequestBody.fromString("second"));

        await().until(() -> chain.downstream.ofKey(key).size() == 2);
        assertThat(chain.downstream.ofKey(key)).extracting(RecordingDownstream.Attempt::text)
                .containsExactly("first", "second");
    }

    @Test
    void aPresignedDownloadReadsTheUploadBack() {
        byte[] body = random(5000);
        JsonNode ticket = createUpload(body.length);
        chain.api.put(ticket.get("url").asText(), ApiClient.headersOf(ticket), body);

        ApiClient.Reply download = chain.api.postJson("/v1/downloads", CONSUMER,
                Map.of("key", ticket.get("key").asText()));

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.json().get("size").asLong()).isEqualTo(body.length);
        assertThat(chain.api.get(download.json().get("url").asText()).body()).isEqualTo(body);
    }

    @Test
    void theCliDownloadsAFileItUploadedByteForByte() throws Exception {
        byte[] body = randomFile("round.bin", 100_000);
        String key = cliUpload("round.bin");

        CliProcess cli = CliProcess.start(files, CONSUMER, "download", key, "-o", files.resolve("back.bin").toString(),
                "--api", chain.app.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllBytes(files.resolve("back.bin"))).isEqualTo(body);
    }

    @Test
    void theCliDownloadsAFileItUploadedInPartsCheckingItsSizeWhenMotosChecksumIsMalformed() throws Exception {
        byte[] body = randomFile("parts.bin", 11 * MIB);
        String key = cliUpload("parts.bin");

        CliProcess cli = CliProcess.start(files, CONSUMER, "download", key, "-o", files.resolve("back.bin").toString(),
                "--api", chain.app.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllBytes(files.resolve("back.bin"))).isEqualTo(body);
        assertThat(cli.err()).contains("no usable checksum of the whole object; the size alone was checked");
    }

    private JsonNode createUpload(long length) {
        Map<String, Object> request = new HashMap<>(
                Map.of("contentType", "application/octet-stream", "contentLength", length,
                "fileName", "data.bin"));
        ApiClient.Reply reply = chain.api.postJson("/v1/uploads", PRODUCER, request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    private String cliUpload(String file) throws Exception {
        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", files.resolve(file).toString(), "--api",
                chain.app.api().toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        return cli.out().strip();
    }

    /** Delivered with these bytes, and once: nothing is left on the queue that could deliver it again. */
    private RecordingDownstream.Attempt assertDeliveredOnce(String key, byte[] body) {
        return assertDelivered(key, body, 1);
    }

    /**
     * Delivered with these bytes {@code times} times, and no more: nothing is left on the queue that could deliver it
     * again.
     */
    private RecordingDownstream.Attempt assertDelivered(String key, byte[] body, int times) {
        RecordingDownstream.Attempt delivered = chain.downstream.awaitKey(key);
        chain.queues.awaitNothingPending();
        assertThat(chain.downstream.ofKey(key)).hasSize(times)
                .allSatisfy(attempt -> assertThat(attempt.failure()).isNull())
                .allSatisfy(attempt -> assertThat(attempt.body()).isEqualTo(body));
        assertThat(chain.queues.drain()).as("dead letters").isZero();
        return delivered;
    }

    private byte[] randomFile(String name, int length) throws Exception {
        byte[] body = random(length);
        Files.write(files.resolve(name), body);
        return body;
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
