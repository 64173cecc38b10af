package io.sqsextended.chain.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A RouteBuilder class in a plugin jar, named as a bean (camel.beans.<name> = #class:...): Camel Main adds its routes.
 */
class PluginRouteBuilderTest {

    @TempDir
    Path pluginsDir;
    @TempDir
    Path classes;
    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().downstream("direct:lines")
            .property(PluginSettings.DIR.name(), c -> pluginsDir.toString())
                    .property("camel.beans.lineCount", "#class:LineCount")
            .property("example.lines.to", RecordingDownstream.URI).startInTest();

    @Test
    void aRouteBuilderFromAPluginJarNamedAsABeanTakesPayloads() throws Exception {
        assertThatThrownBy(() -> Class.forName("LineCount")).as("not on the test classpath")
                .isInstanceOf(ClassNotFoundException.class);
        jarOf(compiled(Path.of("examples/java/LineCount.java")), pluginsDir.resolve("line-count.jar"));

        chain.start();
        String key = "input/" + UUID.randomUUID() + ".txt";
        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("one\ntwo\n"));

        assertThat(chain.downstream().awaitKey(key).header("PayloadLines")).isEqualTo("2");
    }

    /** The source compiled against the test's class path (Camel's), as a user's build would. */
    private Path compiled(Path source) {
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), source.toString());
        assertThat(status).as("javac").isZero();
        return classes;
    }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, entries);
                entries.closeEntry();
            }
        }
    }
}
