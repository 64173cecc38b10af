package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.RandomBytes;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/routes/folder.camel.yaml, loaded from chain.routes.dir, writes payloads into a folder. */
class FolderExampleTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path outbox;
    static ChainApp app;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        app = ChainApp.builder(dataDir).consumer().properties(Map.of(
                "chain.routes.dir", "examples/routes",
                "chain.downstream.uri", "direct:folder",
                "example.folder.dir", outbox.toString())).start();
        s3 = AwsClients.s3(app.clientSettings());
    }

    @AfterAll
    static void stop() {
        s3.close();
        app.close();
    }

    @Test
    void anUploadedPayloadIsWrittenUnderItsKey() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/nested dir/été+1.bin";
        byte[] payload = RandomBytes.randomBytes(3 * 1024 * 1024);

        s3.putObject(r -> r.bucket(app.property("chain.bucket")).key(key), RequestBody.fromBytes(payload));

        Path written = outbox.resolve(key);
        await().until(() -> Files.exists(written));
        assertThat(written).hasBinaryContent(payload);
        try (var files = Files.walk(outbox)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith(".partial-"));
        }
    }
}
