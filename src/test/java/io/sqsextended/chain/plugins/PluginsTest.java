package io.sqsextended.chain.plugins;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jars the product does not bundle, from chain.plugins.dir or resolved from chain.plugins.dependencies, used by
 * examples/plugins/base64.camel.yaml (the base64 data format of camel-base64).
 */
class PluginsTest {

    private static final String BASE64_DATA_FORMAT = "org.apache.camel.dataformat.base64.Base64DataFormat";

    @TempDir
    Path pluginsDir;
    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().downstream("direct:base64")
            .property(PluginSettings.DIR.name(), c -> pluginsDir.toString())
            .property(ConsumerSettings.ROUTES_DIR.name(), "examples/plugins")
            .property("example.base64.to", RecordingDownstream.URI).startInTest();

    @Test
    void aDataFormatFromThePluginsFolderEncodesPayloads() throws Exception {
        assertThatThrownBy(() -> Class.forName(BASE64_DATA_FORMAT)).as("not on the test classpath")
                .isInstanceOf(ClassNotFoundException.class);
        Files.copy(TestPlugins.camelBase64(), pluginsDir.resolve(TestPlugins.camelBase64().getFileName()));

        assertThat(deliveredThroughTheExample(Map.of())).isEqualTo(base64("payload through a plugin"));
    }

    @Test
    void coordinatesAreResolvedIntoThePluginsFolderFromTheLocalRepository() throws Exception {
        String coordinates = "org.apache.camel:camel-base64:" + TestPlugins.camelVersion();

        String delivered = deliveredThroughTheExample(Map.of(PluginSettings.DEPENDENCIES.name(), coordinates));

        assertThat(delivered).isEqualTo(base64("payload through a plugin"));
        // its dependencies the product bundles at the same version (camel-support, commons-codec) are not copied
        try (var files = Files.list(pluginsDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly(TestPlugins.camelBase64().getFileName().toString());
        }
    }

    @Test
    void resolvedCoordinatesAreUsedOfflineFromThePluginsFolderAtTheNextStart() throws Exception {
        String coordinates = "org.apache.camel:camel-base64:" + TestPlugins.camelVersion();
        try (CapturedLogs logs = CapturedLogs.open("offline")) {
            deliveredThroughTheExample(Map.of(PluginSettings.DEPENDENCIES.name(), coordinates));

            // a repository that answers nothing: the start may not ask one
            String delivered = deliveredThroughTheExample(Map.of(PluginSettings.DEPENDENCIES.name(), coordinates,
                    PluginSettings.REPOSITORIES.name(), "http://127.0.0.1:9/nothing"));

            assertThat(delivered).isEqualTo(base64("payload through a plugin"));
            assertThat(logs.count("Resolved [" + coordinates + "]")).as("resolved by the first start only")
                    .isEqualTo(1);
        }
    }

    @Test
    void coordinatesOfALibraryTheProductBundlesAtThatVersionNeedNoRepository() throws Exception {
        try (CapturedLogs logs = CapturedLogs.open("bundled")) {
            start(Map.of(PluginSettings.DEPENDENCIES.name(), "org.apache.camel:camel-sql:" + TestPlugins.camelVersion(),
                    PluginSettings.REPOSITORIES.name(), "http://127.0.0.1:9/nothing"));
            assertThat(logs.count("Resolved [")).isZero();
            assertThat(pluginsDir).isEmptyDirectory();
        }
    }

    @Test
    void aPluginJarOfAnotherCamelVersionIsRefusedNamingBothVersions() throws Exception {
        TestPlugins.jarClaiming(pluginsDir.resolve("camel-old.jar"), "org.apache.camel", "camel-support", "4.0.0");

        assertThatThrownBy(() -> start(Map.of()))
                .hasStackTraceContaining(
                        "Plugin camel-old.jar needs org.apache.camel:camel-support 4.0.0 but the product bundles "
                        + TestPlugins.camelVersion() + ": use a plugin built for " + TestPlugins.camelVersion());
    }

    @Test
    void coordinatesOfAnotherVersionOfABundledLibraryAreRefusedBeforeAnythingIsCopied() {
        assertThatThrownBy(() -> start(Map.of(PluginSettings.DEPENDENCIES.name(), "commons-codec:commons-codec:1.15")))
                .hasStackTraceContaining(
                        "Plugin commons-codec:commons-codec:1.15 needs commons-codec:commons-codec 1.15 but the "
                        + "product bundles ");
        assertThat(pluginsDir).isEmptyDirectory();
    }

    private String deliveredThroughTheExample(Map<String, String> properties) throws Exception {
        start(properties);
        try {
            String key = "input/" + UUID.randomUUID() + ".txt";
            chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                    RequestBody.fromString("payload through a plugin"));
            return chain.downstream().awaitKey(key).text().strip();
        } finally {
            chain.stop();
        }
    }

    private ChainApp start(Map<String, String> properties) throws Exception {
        return chain.properties(properties).start();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
