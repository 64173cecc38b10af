package io.sqsextended.chain.presign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser upload page is served by the API at /upload, from the jar, each file with its content type. */
class UploadPageTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app();

    @Test
    void uploadIsTheHtmlPageWithAFileInputAndATokenField() {
        ApiClient.Reply page = chain.client().send("GET", "/upload", null, null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("<input id=\"files\" name=\"files\" type=\"file\" multiple>",
                "<input id=\"token\"");
    }

    @Test
    void itsScriptsAndStylesheetHaveTheirContentTypes() {
        assertThat(chain.client().send("GET", "/upload/upload.js", null, null, null).header("Content-Type"))
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(chain.client().send("GET", "/upload/crc64nvme.js", null, null, null).header("Content-Type"))
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(chain.client().send("GET", "/upload/upload.css", null, null, null).header("Content-Type"))
                .isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void itsFilesKeepToScriptsOfTheirOwnOrigin() {
        assertThat(chain.client().send("GET", "/upload", null, null, null).header("Content-Security-Policy"))
                .startsWith("default-src 'self'");
    }

    @Test
    void anotherFileUnderUploadIsNotFound() {
        ApiClient.Reply reply = chain.client().send("GET", "/upload/application.properties", null, null, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
