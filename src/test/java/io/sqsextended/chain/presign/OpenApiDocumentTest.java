package io.sqsextended.chain.presign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The app serves an OpenAPI 3 document of the presign API, without a token. */
class OpenApiDocumentTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();
    static JsonNode document;

    @BeforeAll
    static void fetchTheDocument() {
        ApiClient.Reply reply = chain.client().apiGet("/v1/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
    }

    @Test
    void isAnOpenApi3DocumentOfTheApi() {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/info/title").asText()).isEqualTo("sqs-extended-chain presign API");
    }

    @Test
    void documentsEveryOperation() {
        JsonNode paths = document.get("paths");

        assertThat(paths.at("/~1v1~1uploads/post/operationId").asText()).isEqualTo("createUpload");
        assertThat(paths.at("/~1v1~1uploads~1complete/post/operationId").asText()).isEqualTo("completeUpload");
        assertThat(paths.at("/~1v1~1uploads~1{uploadId}/get/operationId").asText()).isEqualTo("resumeUpload");
        assertThat(paths.at("/~1v1~1uploads~1{uploadId}/delete/operationId").asText()).isEqualTo("abortUpload");
        assertThat(paths.at("/~1v1~1downloads/post/operationId").asText()).isEqualTo("describeDownload");
        assertThat(paths.at("/~1v1~1downloads~1{key}/get/operationId").asText()).isEqualTo("redirectDownload");
        assertThat(paths.at("/~1presign/post/operationId").asText()).isEqualTo("lambdaPresign");
    }

    @Test
    void describesTheBodiesAndTheBearerScheme() {
        assertThat(document.at("/components/schemas/UploadRequest/properties/contentLength/type").asText())
                .isEqualTo("integer");
        assertThat(document.at("/components/schemas/UploadRequest/properties/contentLength/description").asText())
                .startsWith("Exact size");
        assertThat(document.at("/components/schemas/UploadTicket/properties/parts/type").asText()).isEqualTo("array");
        assertThat(document.at("/components/schemas/LambdaPresignRequest/properties/object_key/type").asText())
                .isEqualTo("string");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void describesWhatAResumeAnswers() {
        assertThat(document.at("/components/schemas/UploadProgress/properties/uploadedParts/type").asText())
                .isEqualTo("array");
        assertThat(document.at("/paths/~1v1~1uploads~1{uploadId}/get/parameters").findValuesAsText("name"))
                .contains("key", "contentLength", "partSize");
    }

    @Test
    void describesTheChecksumsAnUploadMayName() {
        assertThat(document.at("/components/schemas/UploadRequest/properties/checksumCrc64Nvme/description").asText())
                .contains("FULL_OBJECT");
        assertThat(document.at("/components/schemas/UploadTicket/properties/checksumCrc64Nvme/description").asText())
                .contains("complete");
        assertThat(document.at("/components/schemas/CompleteRequest/properties/checksumCrc64Nvme/description").asText())
                .contains("checksum-mismatch");
        assertThat(document.at("/components/schemas/LambdaPresignRequest/properties/checksum_crc64nvme/description")
                .asText())
                .contains("x-amz-checksum-crc64nvme");
    }
}
