package io.sqsextended.chain.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The jars of the plugins folder that the product lacks; one that brings another version of a bundled library refuses
 * the start.
 */
final class PluginJars {

    private PluginJars() {
    }

    static List<Path> toAdd(Path dir, BundledArtifacts bundled) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> listing = Files.list(dir)) {
            jars = listing.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        List<Path> added = new ArrayList<>();
        for (Path jar : jars) {
            if (!isBundled(jar, bundled)) {
                added.add(jar);
            }
        }
        return Collections.unmodifiableList(added);
    }

    /** True when each library the jar says it holds (one, or several in a shaded jar) is bundled at its version. */
    private static boolean isBundled(Path jar, BundledArtifacts bundled) throws IOException {
        boolean all = true;
        int libraries = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String[] path = entry.getName().split("/");
                if (path.length == 5 && entry.getName().startsWith("META-INF/maven/")
                        && path[4].equals("pom.properties")) {
                    libraries++;
                    all &= bundled.has(path[2], path[3], version(file, entry), jar.getFileName().toString());
                }
            }
        }
        return libraries > 0 && all;
    }

    private static String version(JarFile file, JarEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
