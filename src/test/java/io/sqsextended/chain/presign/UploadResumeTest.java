package io.sqsextended.chain.presign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static io.sqsextended.chain.presign.UploadOwnershipTest.OTHER;
import static io.sqsextended.chain.testkit.RandomBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/uploads/{uploadId}}: a producer continues an interrupted multipart upload from what S3 has. */
class UploadResumeTest {

    static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final ChainExtension chain = UploadOwnershipTest.twoProducers();
    // three parts: 5 MiB, 5 MiB, 1 MiB
    final byte[] body = randomBytes(11 * MIB);

    @Test
    void listsThePartsS3HasWithSizeAndETagAndPresignsOnlyTheOthers() {
        JsonNode plan = startUpload();
        Map<String, Object> second = chain.client().uploadPart(plan, plan.get("parts").get(1), body);

        ApiClient.Reply reply = chain.client().resume(PRODUCER, plan, body.length);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode progress = reply.json();
        assertThat(progress.get("uploadedParts")).hasSize(1);
        assertThat(progress.at("/uploadedParts/0/partNumber").asInt()).isEqualTo(2);
        assertThat(progress.at("/uploadedParts/0/size").asLong()).isEqualTo(5L * MIB);
        assertThat(progress.at("/uploadedParts/0/eTag").asText()).isEqualTo(second.get("eTag"));
        assertThat(progress.get("parts").findValuesAsText("partNumber")).containsExactly("1", "3");
        assertThat(progress.at("/parts/1/size").asLong()).isEqualTo(MIB);
    }

    @Test
    void theFreshUrlsCompleteTheUploadByteForByte() {
        JsonNode plan = startUpload();
        chain.client().uploadPart(plan, plan.get("parts").get(0), body);
        JsonNode progress = chain.client().resume(PRODUCER, plan, body.length).json();

        List<Map<String, Object>> parts = new ArrayList<>();
        progress.get("uploadedParts").forEach(p
                -> parts.add(Map.of("partNumber", p.get("partNumber").asInt(), "eTag", p.get("eTag").asText())));
        progress.get("parts").forEach(p -> parts.add(chain.client().uploadPart(plan, p, body)));
        parts.sort((a, b) -> Integer.compare((int) a.get("partNumber"), (int) b.get("partNumber")));
        ApiClient.Reply completed = chain.client().complete(PRODUCER, plan, parts);

        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(chain.client().download(CONSUMER, plan.get("key").asText())).isEqualTo(body);
    }

    @Test
    void anotherProducerIsRefused() {
        JsonNode plan = startUpload();

        ApiClient.Reply reply = chain.client().resume(OTHER, plan, body.length);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":forbidden");
    }

    @Test
    void anUnknownUploadIdIsNotFound() {
        JsonNode plan = startUpload();
        JsonNode unknown = plan.deepCopy();
        ((ObjectNode) unknown).put("uploadId", "no-such-upload");

        ApiClient.Reply reply = chain.client().resume(PRODUCER, unknown, body.length);

        assertThat(reply.status()).as(reply.text()).isEqualTo(404);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":upload-not-found");
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        JsonNode plan = startUpload();

        ApiClient.Reply reply = chain.client()
                .apiGet("/v1/uploads/" + plan.get("uploadId").asText() + "?key=input/%2E%2E/x&contentLength="
                + body.length + "&partSize=" + 5 * MIB, PRODUCER);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void aPartSizeOtherThanThePlansIsABadRequest() {
        JsonNode plan = startUpload();
        chain.client().uploadPart(plan, plan.get("parts").get(0), body);

        ApiClient.Reply reply = chain.client()
                .apiGet("/v1/uploads/" + plan.get("uploadId").asText() + "?key="
                + ApiClient.encode(plan.get("key").asText())
                + "&contentLength=" + body.length + "&partSize=" + 6 * MIB, PRODUCER);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-parts");
    }

    private JsonNode startUpload() {
        ApiClient.Reply reply = chain.client()
                .postJson("/v1/uploads", PRODUCER, Map.of("contentType", "application/octet-stream",
                "contentLength", body.length, "fileName", "big.bin"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }
}
