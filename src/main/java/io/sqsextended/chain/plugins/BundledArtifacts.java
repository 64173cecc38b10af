package io.sqsextended.chain.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import io.sqsextended.chain.config.setting.StartRefusedException;

/**
 * What the product bundles, by the {@code META-INF/maven/<groupId>/<artifactId>/pom.properties} each Maven-built jar
 * carries (the shaded jar keeps them): a plugin may add a library, never a second version of one the product has.
 */
final class BundledArtifacts {

    private final ClassLoader product;

    BundledArtifacts(ClassLoader product) {
        this.product = product;
    }

    private static String pomProperties(String groupId, String artifactId) {
        return "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    }

    /**
     * Whether the product already has {@code groupId:artifactId} at {@code version} (nothing to add); refuses the start
     * when it has another version, naming {@code source} (the jar or coordinates that brought it) and both versions.
     */
    boolean has(String groupId, String artifactId, String version, String source) throws IOException {
        List<String> bundled = versions(groupId, artifactId);
        if (!bundled.isEmpty() && !bundled.contains(version)) {
            throw new StartRefusedException("Plugin " + source + " needs " + groupId + ":" + artifactId + " " + version
                    + " but the product bundles " + bundled.get(0) + ": use a plugin built for " + bundled.get(0));
        }
        return !bundled.isEmpty();
    }

    /**
     * Every copy: a jar that shades a library carries its metadata too (on a plain classpath, not in the shaded jar).
     */
    private List<String> versions(String groupId, String artifactId) throws IOException {
        List<String> versions = new ArrayList<>();
        for (URL url : Collections.list(product.getResources(pomProperties(groupId, artifactId)))) {
            try (InputStream in = url.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                versions.add(properties.getProperty("version"));
            }
        }
        return versions;
    }
}
