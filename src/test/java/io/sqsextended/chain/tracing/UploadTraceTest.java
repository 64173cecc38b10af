package io.sqsextended.chain.tracing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.CliProcess;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import io.sqsextended.chain.testkit.RandomBytes;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The presign API's {@code POST /v1/uploads} continues the producer's trace (W3C traceparent) or starts one, and its
 * ticket signs that trace into the object's metadata, so that S3 keeps it with the payload.
 */
class UploadTraceTest {

    static final String PARENT_ID = "00f067aa0ba902b7";
    static final int MIB = 1024 * 1024;

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    // multipart from 6 MiB, in parts of S3's minimum
    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app()
            .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB")));

    @Test
    void anUploadRequestWithATraceparentContinuesThatTrace() {
        String traceId = newTraceId();

        assertThat(createUpload(traceparent(traceId), 5).status()).isEqualTo(201);

        ReceivedSpan span = receiver.awaitSpan("a span of the producer's trace", s -> s.traceId().equals(traceId));
        assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
    }

    @Test
    void aSinglePutTicketSignsTheRequestsSpanIntoTheObjectsMetadata() {
        String traceId = newTraceId();
        JsonNode ticket = createUpload(traceparent(traceId), 5).json();
        String signed = ApiClient.headersOf(ticket).get("x-amz-meta-traceparent");

        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        assertThat(signed).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        receiver.awaitSpan("the request's span the ticket names", s -> s.traceId().equals(traceId)
                && signed.equals("00-" + traceId + "-" + s.spanId() + "-01"));
        assertThat(storedTraceparent(ticket.get("key").asText())).isEqualTo(signed);
    }

    @Test
    void aTicketLeavesTheTraceContextOutWhenTheProducersMetadataFillsS3sLimit() {
        String fullValue = "x".repeat(2048 - "note".length());
        HttpRequest request = HttpRequest.newBuilder(chain.api().resolve("/v1/uploads"))
                .header("Authorization", "Bearer " + ApiClient.PRODUCER).header("Content-Type", "application/json")
                .header(TraceContext.TRACEPARENT, traceparent(newTraceId()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.json(Map.of("contentType", "text/plain",
                        "contentLength", 5, "metadata", Map.of("note", fullValue))))).build();

        ApiClient.Reply reply = chain.client().send(request);

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(ApiClient.headersOf(reply.json())).containsEntry("x-amz-meta-note", fullValue)
                .doesNotContainKey("x-amz-meta-traceparent");
    }

    @Test
    void aMultipartUploadStoresTheTraceContextWithTheObject() {
        byte[] body = RandomBytes.randomBytes(6 * MIB + 1);
        String traceId = newTraceId();
        JsonNode plan = createUpload(traceparent(traceId), body.length).json();

        ApiClient.Reply completed = chain.client().complete(ApiClient.PRODUCER, plan,
                chain.client().uploadParts(plan, body));

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(storedTraceparent(plan.get("key").asText())).startsWith("00-" + traceId + "-");
    }

    @Test
    void theClientsUploadContinuesTheTraceOfItsTraceparentVariable(@TempDir Path files) throws Exception {
        String traceId = newTraceId();
        Files.writeString(files.resolve("traced.txt"), "hello");

        CliProcess cli = CliProcess.start(Map.of("TRACEPARENT", traceparent(traceId)), files, ApiClient.PRODUCER,
                "upload", files.resolve("traced.txt").toString(), "--api", chain.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(storedTraceparent(cli.out().strip())).startsWith("00-" + traceId + "-");
    }

    @Test
    void anUploadRequestWithoutATraceparentStartsATrace() {
        int before = receiver.spans().size();

        assertThat(createUpload(null, 5).status()).isEqualTo(201);

        ReceivedSpan span = receiver.awaitSpan("a root span of the request",
                s -> receiver.spans().indexOf(s) >= before && s.isRoot());
        assertThat(span.attributes().values()).anyMatch(value -> value.contains("/v1/uploads"));
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + PARENT_ID + "-01";
    }

    private String storedTraceparent(String key) {
        return chain.s3().headObject(head -> head.bucket(chain.bucket()).key(key)).metadata()
                .get(TraceContext.TRACEPARENT);
    }

    private ApiClient.Reply createUpload(String traceparent, long length) {
        URI uri = chain.api().resolve("/v1/uploads");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + ApiClient.PRODUCER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.json(Map.of("contentType", "text/plain",
                        "contentLength", length, "fileName", "notes.txt"))));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return chain.client().send(request.build());
    }
}
