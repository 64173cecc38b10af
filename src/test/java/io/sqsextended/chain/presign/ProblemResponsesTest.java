package io.sqsextended.chain.presign;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.api.JsonRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of bad request gets its status and an RFC 9457 problem that says what is wrong. */
class ProblemResponsesTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().property(PresignSettings.UPLOAD_MAX_SIZE.name(), "1GiB");

    @Test
    void malformedJsonIsABadRequest() {
        JsonNode problem = expect(400, upload("{\"contentType\": \"text/plain\", "));

        assertThat(problem.get("type").asText()).isEqualTo("urn:sqs-extended-chain:problem:malformed-json");
        assertThat(problem.get("title").asText()).isEqualTo("Malformed JSON");
        assertThat(problem.get("instance").asText()).isEqualTo("/v1/uploads");
    }

    @Test
    void aBodyThatIsNoObjectIsMalformed() {
        assertThat(expect(400, upload("[1, 2]")).get("type").asText()).endsWith(":malformed-json");
    }

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        assertThat(expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":1} {}")).get("type").asText())
                .endsWith(":malformed-json");
    }

    @Test
    void aDuplicateMemberIsMalformed() {
        assertThat(expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":1,\"contentLength\":2}"))
                .get("type").asText())
                .endsWith(":malformed-json");
    }

    @Test
    void aSizeGivenAsAStringIsAWrongTypeNamedByItsPointer() {
        JsonNode problem = expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":\"12\"}"));

        assertThat(problem.get("type").asText()).endsWith(":invalid-request");
        assertThat(problem.get("detail").asText()).isEqualTo("/contentLength must be an integer");
    }

    @Test
    void aFractionalSizeIsAWrongType() {
        assertThat(expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":1.5}")).get("detail").asText())
                .isEqualTo("/contentLength must be an integer");
    }

    @Test
    void aNegativeSizeIsNotAllowed() {
        JsonNode problem = expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":-1}"));

        assertThat(problem.get("type").asText()).endsWith(":size-not-allowed");
    }

    @Test
    void aSizeAboveTheMaximumIsNotAllowed() {
        JsonNode problem = expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":1073741825}"));

        assertThat(problem.get("type").asText()).endsWith(":size-not-allowed");
        assertThat(problem.get("detail").asText()).contains("1073741824");
    }

    @Test
    void aSizeBeyondAnyIntegerIsOutOfRange() {
        assertThat(
                expect(400, upload("{\"contentType\":\"text/plain\",\"contentLength\":123456789012345678901234567890}"))
                .get("detail").asText()).isEqualTo("/contentLength is out of range");
    }

    @Test
    void anUnknownMemberIsRefusedByName() {
        JsonNode problem = expect(400, upload("{\"contentType\":\"text/plain\",\"contentLenght\":1}"));

        assertThat(problem.get("detail").asText()).startsWith("Unknown member '/contentLenght'");
    }

    @Test
    void aMissingMemberIsRequired() {
        assertThat(expect(400, upload("{\"contentType\":\"text/plain\"}")).get("detail").asText())
                .isEqualTo("/contentLength is required");
    }

    @Test
    void aContentTypeOffTheAllowListIsNotAllowed() {
        JsonNode problem = expect(400, upload("{\"contentType\":\"text/html\",\"contentLength\":1}"));

        assertThat(problem.get("type").asText()).endsWith(":content-type-not-allowed");
    }

    @Test
    void aFileNameThatClimbsDirectoriesIsAnInvalidKey() {
        JsonNode problem = expect(400, upload(
                "{\"contentType\":\"text/plain\",\"contentLength\":1,\"fileName\":\"../../etc/passwd\"}"));

        assertThat(problem.get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void aFileNameWithControlCharactersIsAnInvalidKey() {
        assertThat(
                expect(400,
                upload("{\"contentType\":\"text/plain\",\"contentLength\":1,\"fileName\":\"a\\u0000b\\r\\n.txt\"}"))
                .get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void aKeyLongerThan1024BytesIsAnInvalidKey() {
        JsonNode problem = expect(400, chain.client()
                .postJson("/v1/downloads", CONSUMER, Map.of("key", "input/" + "k".repeat(1019))));

        assertThat(problem.get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void aRequestBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        JsonNode problem = expect(415, chain.client()
                .send("POST", "/v1/uploads", PRODUCER, "text/plain", "contentType=text/plain".getBytes()));

        assertThat(problem.get("type").asText()).endsWith(":unsupported-media-type");
    }

    @Test
    void aBodyOver64KiBIsTooLarge() {
        String padding = " ".repeat(JsonRequest.MAX_BYTES);

        assertThat(expect(413, upload("{\"contentType\":\"text/plain\",\"contentLength\":1}" + padding)).get("type")
                .asText())
                .endsWith(":request-too-large");
    }

    @Test
    void anUnknownPathIsNotFound() {
        JsonNode problem = expect(404, chain.client().apiGet("/v1/nothing-here", PRODUCER));

        assertThat(problem.get("instance").asText()).isEqualTo("/v1/nothing-here");
    }

    @Test
    void aWrongMethodIsNotAllowedAndNamesTheAllowedOnes() {
        ApiClient.Reply reply = chain.client()
                .send("PUT", "/v1/uploads", PRODUCER, "application/json", "{}".getBytes());

        expect(405, reply);
        assertThat(reply.header("Allow")).isEqualTo("POST");
    }

    @Test
    void anAcceptHeaderTheApiCannotAnswerIsNotAcceptable() {
        ApiClient.Reply reply = chain.client().send(HttpRequest.newBuilder(chain.api().resolve("/v1/uploads"))
                .header("Accept", "text/html").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        expect(406, reply);
    }

    @Test
    void abortingAnUnknownUploadIsNotFound() {
        // a key the server made for this producer: it may abort uploads under it
        String key = chain.client().postJson("/v1/uploads", PRODUCER,
                Map.of("contentType", "text/plain", "contentLength", 1)).json().get("key").asText();

        JsonNode problem = expect(404, chain.client()
                .send("DELETE", "/v1/uploads/no-such-upload?key=" + ApiClient.encode(key), PRODUCER, null, null));

        assertThat(problem.get("type").asText()).endsWith(":upload-not-found");
    }

    @Test
    void abortingWithoutTheKeyIsABadRequest() {
        assertThat(expect(400, chain.client().send("DELETE", "/v1/uploads/some-upload", PRODUCER, null, null))
                .get("detail").asText())
                .isEqualTo("Query parameter key is required");
    }

    private ApiClient.Reply upload(String json) {
        return chain.client().send("POST", "/v1/uploads", PRODUCER, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(int status, ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        return ApiClient.problem(reply);
    }
}
