package io.sqsextended.chain.presign;

import java.nio.file.Path;

import io.sqsextended.chain.ChainApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser upload page is served by the API at /upload, from the jar, each file with its content type. */
class UploadPageTest {

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ApiClient api;

    @BeforeAll
    static void startApp() throws Exception {
        app = ChainApp.builder(dataDir).start();
        api = new ApiClient(app.api());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void uploadIsTheHtmlPageWithAFileInputAndATokenField() {
        ApiClient.Reply page = api.send("GET", "/upload", null, null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("<input id=\"files\" name=\"files\" type=\"file\" multiple>", "<input id=\"token\"");
    }

    @Test
    void itsScriptsAndStylesheetHaveTheirContentTypes() {
        assertThat(api.send("GET", "/upload/upload.js", null, null, null).header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(api.send("GET", "/upload/crc64nvme.js", null, null, null).header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(api.send("GET", "/upload/upload.css", null, null, null).header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void itsFilesKeepToScriptsOfTheirOwnOrigin() {
        assertThat(api.send("GET", "/upload", null, null, null).header("Content-Security-Policy")).startsWith("default-src 'self'");
    }

    @Test
    void anotherFileUnderUploadIsNotFound() {
        ApiClient.Reply reply = api.send("GET", "/upload/application.properties", null, null, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
