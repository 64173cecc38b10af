package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RandomBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/routes/folder.camel.yaml, loaded from chain.routes.dir, writes payloads into a folder. */
class FolderExampleTest {

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().properties(Map.of(
                    ConsumerSettings.ROUTES_DIR.name(), "examples/routes",
                    ConsumerSettings.DOWNSTREAM_URI.name(), "direct:folder"))
            .property("example.folder.dir", c -> c.dir("outbox").toString());

    @Test
    void anUploadedPayloadIsWrittenUnderItsKey() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/nested dir/été+1.bin";
        byte[] payload = RandomBytes.randomBytes(3 * 1024 * 1024);

        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromBytes(payload));

        Path written = chain.dir("outbox").resolve(key);
        await().until(() -> Files.exists(written));
        assertThat(written).hasBinaryContent(payload);
        try (var files = Files.walk(chain.dir("outbox"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .noneMatch(name -> name.startsWith(".partial-"));
        }
    }
}
