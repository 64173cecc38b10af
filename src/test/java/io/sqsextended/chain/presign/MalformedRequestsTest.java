package io.sqsextended.chain.presign;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Whatever a client gets wrong, the answer is a 4xx problem: never a 5xx, never internals. */
class MalformedRequestsTest {

    static final String JSON = "application/json";

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    /**
     * name, method, path, Authorization header (null: none), Content-Type (null: none), body (null: none), expected
     * status.
     */
    static Stream<Arguments> malformedRequests() {
        String admin = "Bearer " + ApiClient.ADMIN;
        return Stream.of(
                arguments("empty body", "POST", "/v1/uploads", admin, JSON, "", 400),
                arguments("truncated JSON", "POST", "/v1/uploads", admin, JSON, "{", 400),
                arguments("JSON null", "POST", "/v1/uploads", admin, JSON, "null", 400),
                arguments("JSON string", "POST", "/v1/uploads", admin, JSON, "\"upload\"", 400),
                arguments("JSON number", "POST", "/v1/uploads", admin, JSON, "42", 400),
                arguments("JSON array", "POST", "/v1/uploads", admin, JSON, "[]", 400),
                arguments("empty object", "POST", "/v1/uploads", admin, JSON, "{}", 400),
                arguments("contentType a number", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":1,\"contentLength\":1}", 400),
                arguments("contentType null", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":null,\"contentLength\":1}", 400),
                arguments("contentLength a string", "POST", "/v1/uploads", admin, JSON, upload("\"1\""), 400),
                arguments("contentLength negative", "POST", "/v1/uploads", admin, JSON, upload("-5"), 400),
                arguments("contentLength fractional", "POST", "/v1/uploads", admin, JSON, upload("0.5"), 400),
                arguments("contentLength exponent", "POST", "/v1/uploads", admin, JSON, upload("1e3"), 400),
                arguments("contentLength beyond a long", "POST", "/v1/uploads", admin, JSON,
                        upload("1180591620717411303424"), 400),
                arguments("contentLength above max-size", "POST", "/v1/uploads", admin, JSON, upload("6442450944"),
                        400),
                arguments("contentLength a boolean", "POST", "/v1/uploads", admin, JSON, upload("true"), 400),
                arguments("contentType not allowed", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"text/html\",\"contentLength\":1}", 400),
                arguments("contentType no media type", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"plain text\",\"contentLength\":1}", 400),
                arguments("contentType wildcard", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"*/*\",\"contentLength\":1}", 400),
                arguments("contentType header injection", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"text/plain\\r\\nX-Evil: 1\",\"contentLength\":1}", 400),
                arguments("fileName climbing up", "POST", "/v1/uploads", admin, JSON, withFileName("../../etc/passwd"),
                        400),
                arguments("fileName with a slash", "POST", "/v1/uploads", admin, JSON, withFileName("a/b.txt"), 400),
                arguments("fileName with a backslash", "POST", "/v1/uploads", admin, JSON, withFileName("a\\\\b.txt"),
                        400),
                arguments("fileName dot dot", "POST", "/v1/uploads", admin, JSON, withFileName(".."), 400),
                arguments("fileName blank", "POST", "/v1/uploads", admin, JSON, withFileName("   "), 400),
                arguments("fileName with NUL", "POST", "/v1/uploads", admin, JSON, withFileName("a\\u0000.txt"), 400),
                arguments("fileName with a lone surrogate", "POST", "/v1/uploads", admin, JSON,
                        withFileName("a\\ud800.txt"), 400),
                arguments("fileName overlong", "POST", "/v1/uploads", admin, JSON, withFileName("x".repeat(2000)), 400),
                arguments("metadata an array", "POST", "/v1/uploads", admin, JSON, withMetadata("[\"a\"]"), 400),
                arguments("metadata value a number", "POST", "/v1/uploads", admin, JSON, withMetadata("{\"a\":1}"),
                        400),
                arguments("metadata name with spaces", "POST", "/v1/uploads", admin, JSON,
                        withMetadata("{\"bad name\":\"v\"}"), 400),
                arguments("metadata value non-ASCII", "POST", "/v1/uploads", admin, JSON,
                        withMetadata("{\"a\":\"é\"}"), 400),
                arguments("metadata names equal but for case", "POST", "/v1/uploads", admin, JSON,
                        withMetadata("{\"a\":\"1\",\"A\":\"2\"}"), 400),
                arguments("metadata over 2 KB", "POST", "/v1/uploads", admin, JSON,
                        withMetadata("{\"a\":\"" + "v".repeat(2100) + "\"}"), 400),
                arguments("unknown member", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"text/plain\",\"contentLength\":1,\"acl\":\"public-read\"}", 400),
                arguments("duplicate member", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"text/plain\",\"contentType\":\"text/csv\",\"contentLength\":1}", 400),
                arguments("invalid UTF-8", "POST", "/v1/uploads", admin, JSON,
                        "{\"contentType\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1), 400),
                arguments("nested 5000 deep", "POST", "/v1/uploads", admin, JSON, "[".repeat(5000) + "]".repeat(5000),
                        400),
                arguments("complete without parts", "POST", "/v1/uploads/complete", admin, JSON, complete("[]"), 400),
                arguments("complete parts not an array", "POST", "/v1/uploads/complete", admin, JSON, complete("{}"),
                        400),
                arguments("complete part number 0", "POST", "/v1/uploads/complete", admin, JSON,
                        complete("[{\"partNumber\":0,\"eTag\":\"e\"}]"), 400),
                arguments("complete part number 10001", "POST", "/v1/uploads/complete", admin, JSON,
                        complete("[{\"partNumber\":10001,\"eTag\":\"e\"}]"), 400),
                arguments("complete parts descending", "POST", "/v1/uploads/complete", admin, JSON,
                        complete("[{\"partNumber\":2,\"eTag\":\"e\"},{\"partNumber\":1,\"eTag\":\"e\"}]"), 400),
                arguments("complete eTag with a newline", "POST", "/v1/uploads/complete", admin, JSON,
                        complete("[{\"partNumber\":1,\"eTag\":\"e\\n\"}]"), 400),
                arguments("complete part with unknown member", "POST", "/v1/uploads/complete", admin, JSON,
                        complete("[{\"partNumber\":1,\"eTag\":\"e\",\"size\":1}]"), 400),
                arguments("complete key outside input", "POST", "/v1/uploads/complete", admin, JSON,
                        "{\"key\":\"offload/x\",\"uploadId\":\"u\",\"parts\":[{\"partNumber\":1,\"eTag\":\"e\"}]}",
                                403),
                arguments("complete uploadId with a space", "POST", "/v1/uploads/complete", admin, JSON,
                        "{\"key\":\"input/x\",\"uploadId\":\"u u\",\"parts\":[{\"partNumber\":1,\"eTag\":\"e\"}]}",
                                400),
                arguments("download key empty", "POST", "/v1/downloads", admin, JSON, "{\"key\":\"\"}", 400),
                arguments("download key with a leading slash", "POST", "/v1/downloads", admin, JSON,
                        "{\"key\":\"/input/x\"}", 400),
                arguments("download key with an empty segment", "POST", "/v1/downloads", admin, JSON,
                        "{\"key\":\"input//x\"}", 400),
                arguments("download key with a bell", "POST", "/v1/downloads", admin, JSON,
                        "{\"key\":\"input/\\u0007\"}", 400),
                arguments("download key with a lone surrogate", "POST", "/v1/downloads", admin, JSON,
                        "{\"key\":\"input/\\udc00\"}", 400),
                arguments("download key an array", "POST", "/v1/downloads", admin, JSON, "{\"key\":[\"input/x\"]}",
                        400),
                arguments("redirect climbing with encoded dots", "GET", "/v1/downloads/input/%2E%2E/offload/x", admin,
                        null, null, 403),
                arguments("redirect with broken UTF-8", "GET", "/v1/downloads/input/%C3", admin, null, null, 400),
                arguments("redirect with a NUL", "GET", "/v1/downloads/input/a%00b", admin, null, null, 400),
                arguments("abort with the key twice", "DELETE", "/v1/uploads/u?key=input/a&key=input/b", admin, null,
                        null, 400),
                arguments("abort without a key", "DELETE", "/v1/uploads/u", admin, null, null, 400),
                arguments("presign without action", "POST", "/presign", admin, JSON, "{\"object_key\":\"input/x\"}",
                        400),
                arguments("presign with an unknown action", "POST", "/presign", admin, JSON,
                        "{\"object_key\":\"input/x\",\"action\":\"PUTOBJECT\"}", 400),
                arguments("presign getObject with a size", "POST", "/presign", admin, JSON,
                        "{\"object_key\":\"input/x\",\"action\":\"getObject\",\"content_length\":1}", 400),
                arguments("presign object_key a number", "POST", "/presign", admin, JSON,
                        "{\"object_key\":7,\"action\":\"getObject\"}", 400),
                arguments("presign putObject over 5 GiB", "POST", "/presign", admin, JSON,
                        "{\"object_key\":\"input/x\",\"action\":\"putObject\",\"content_type\":\"text/plain\","
                                + "\"content_length\":6442450944}", 400),
                arguments("presign putObject without a size", "POST", "/presign", admin, JSON,
                        "{\"object_key\":\"input/x\",\"action\":\"putObject\",\"content_type\":\"text/plain\"}", 400),
                arguments("form instead of JSON", "POST", "/v1/uploads", admin, "application/x-www-form-urlencoded",
                        "contentType=text", 415),
                arguments("no Content-Type", "POST", "/v1/uploads", admin, null, upload("1"), 415),
                arguments("PATCH an upload", "PATCH", "/v1/uploads", admin, JSON, "{}", 405),
                arguments("GET the uploads", "GET", "/v1/uploads", admin, null, null, 405),
                arguments("unknown version", "GET", "/v2/uploads", admin, null, null, 404),
                arguments("no token", "POST", "/v1/uploads", null, JSON, upload("1"), 401),
                arguments("bearer without token", "POST", "/v1/uploads", "Bearer", JSON, upload("1"), 401),
                arguments("bearer with two tokens", "POST", "/v1/uploads", admin + " extra", JSON, upload("1"), 401),
                arguments("bearer token of 5000 characters", "POST", "/v1/uploads", "Bearer " + "t".repeat(5000), JSON,
                        upload("1"), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void isRefusedWithAProblemNeverAServerError(String name, String method, String path, String authorization,
            String contentType,
                                                Object body, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chain.api().resolve(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body instanceof byte[] bytes ? bytes : body.toString()
                        .getBytes(StandardCharsets.UTF_8)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }

        ApiClient.Reply reply = chain.client().send(request.build());

        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        ApiClient.problem(reply);
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("X-Amz-Signature");
    }

    private static String upload(String contentLength) {
        return "{\"contentType\":\"text/plain\",\"contentLength\":" + contentLength + "}";
    }

    private static String withFileName(String jsonEscapedName) {
        return "{\"contentType\":\"text/plain\",\"contentLength\":1,\"fileName\":\"" + jsonEscapedName + "\"}";
    }

    private static String withMetadata(String metadata) {
        return "{\"contentType\":\"text/plain\",\"contentLength\":1,\"metadata\":" + metadata + "}";
    }

    private static String complete(String parts) {
        return "{\"key\":\"input/x\",\"uploadId\":\"u\",\"parts\":" + parts + "}";
    }
}
