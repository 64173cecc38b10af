package io.sqsextended.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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
        try (InputStream in = CamelContext.class.getResourceAsStream("/META-INF/maven/org.apache.camel/camel-api/pom.properties")) {
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
            throw new IllegalStateException("Missing " + jar + ": the build copies it (maven-dependency-plugin, generate-test-resources)");
        }
        return jar;
    }
}
