package io.sqsextended.chain.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.testkit.TestPlugins;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar, whose class path is only itself, finds a data format in its plugins folder (examples/plugins). */
class PluginsIT {

    /** Local mode's bucket, named by the template's defaults (the output BucketName). */
    private static final String BUCKET = "sqs-extended-chain-payloads-000000000000";

    @TempDir
    Path home;

    @Test
    void thePackagedJarEncodesPayloadsWithADataFormatFromItsPluginsFolder() throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(TestPlugins.camelBase64(), home.resolve("plugins").resolve(TestPlugins.camelBase64().getFileName()));

        assertThat(encodedByTheJar()).isEqualTo(base64("payload through a plugin"));
    }

    @Test
    void thePackagedJarResolvesCoordinatesIntoItsPluginsFolder() throws Exception {
        assertThat(encodedByTheJar("-Dchain.plugins.dependencies=org.apache.camel:camel-base64:"
                + TestPlugins.camelVersion()))
                .isEqualTo(base64("payload through a plugin"));
        assertThat(home.resolve("plugins").resolve(TestPlugins.camelBase64().getFileName())).exists();
    }

    @Test
    void aPluginOfAnotherCamelVersionEndsTheJvmWithOneLineNamingBothVersions() throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        TestPlugins.jarClaiming(home.resolve("plugins/camel-old.jar"), "org.apache.camel", "camel-support", "4.0.0");

        try (RunningJar jar = RunningJar.start(home)) {
            assertThat(jar.awaitExit(Duration.ofSeconds(90))).as("exit code, in:\n%s", String.join("\n", jar.output()))
                    .hasValueSatisfying(code -> assertThat(code).isNotZero());
            assertThat(jar.output()).filteredOn(line
                    -> line.contains(
                    "Plugin camel-old.jar needs org.apache.camel:camel-support 4.0.0 but the product bundles "
                    + TestPlugins.camelVersion() + ": use a plugin built for " + TestPlugins.camelVersion()))
                            .hasSize(1);
            assertThat(jar.output()).as("refused before local mode starts")
                    .noneMatch(line -> line.contains("Mode local:"));
        }
    }

    /** What examples/plugins/base64.camel.yaml, run by the jar in {@code home}, makes of one payload. */
    private String encodedByTheJar(String... properties) throws Exception {
        Path outbox = home.resolve("outbox");
        List<String> settings = new ArrayList<>(
                List.of("-Dchain.routes.dir=" + Path.of("examples/plugins").toAbsolutePath(),
                "-Dchain.downstream.uri=direct:base64", "-Dexample.base64.to=file:" + outbox
                        + "?fileName=encoded.txt"));
        settings.addAll(List.of(properties));
        try (RunningJar jar = RunningJar.start(home, settings.toArray(String[]::new)); S3Client s3 = AwsClients.s3(
                jar.clientSettings())) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            s3.putObject(r -> r.bucket(BUCKET).key("input/plain.txt"),
                    RequestBody.fromString("payload through a plugin"));

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("encoded.txt")));
            return Files.readString(outbox.resolve("encoded.txt")).strip();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
