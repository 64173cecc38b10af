package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.apache.camel.CamelContext;

/**
 * Jars the product does not bundle, which the build copies to {@code target/test-plugins} (maven-dependency-plugin),
 * off the test classpath, and leaves in the local Maven repository.
 */
public final class TestPlugins {

    private static final Path DIR = Path.of(System.getProperty("chaintest.plugins", "target/test-plugins"));

    private TestPlugins() {
    }

    /** The Camel version the product is built with (camel-api's on the test classpath). */
    public static String camelVersion() {
        try (InputStream in = CamelContext.class.getResourceAsStream(
                "/META-INF/maven/org.apache.camel/camel-api/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** camel-base64 of the product's Camel version: the base64 data format. */
    public static Path camelBase64() {
        return jar("camel-base64-" + camelVersion() + ".jar");
    }

    private static Path jar(String name) {
        Path jar = DIR.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar
                    + ": the build copies it (maven-dependency-plugin, generate-test-resources)");
        }
        return jar;
    }

    /**
     * A jar whose Maven metadata says it is {@code groupId:artifactId:version}, as a plugin built for another Camel is.
     */
    public static void jarClaiming(Path jar, String groupId, String artifactId, String version) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties"));
            entries.write(("groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
    }
}
