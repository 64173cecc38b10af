package io.sqsextended.chain.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.sqsextended.chain.config.setting.StartRefusedException;
import org.apache.camel.tooling.maven.MavenArtifact;
import org.apache.camel.tooling.maven.MavenDownloaderImpl;
import org.apache.camel.tooling.maven.MavenGav;
import org.apache.camel.tooling.maven.MavenResolutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves Maven coordinates and their dependencies into the plugins folder with Camel JBang's downloader (the local
 * repository first, then the configured repositories), once: a folder that has their jars is used as it is, offline.
 */
final class PluginDependencies {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDependencies.class);

    private PluginDependencies() {
    }

    static void resolveInto(Path dir, List<String> coordinates, List<String> repositories, BundledArtifacts bundled)
            throws IOException {
        if (isThere(dir, coordinates, bundled)) {
            return;
        }
        List<MavenArtifact> missing = new ArrayList<>();
        for (MavenArtifact artifact : resolve(coordinates, repositories)) {
            MavenGav gav = artifact.getGav();
            // every clash is refused before anything is copied, so that a refused start leaves the folder as it was
            if (!bundled.has(gav.getGroupId(), gav.getArtifactId(), gav.getVersion(), String.join(",", coordinates))) {
                missing.add(artifact);
            }
        }
        Files.createDirectories(dir);
        for (MavenArtifact artifact : missing) {
            Files.copy(artifact.getFile().toPath(), dir.resolve(artifact.getFile().getName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("Resolved {} into {}: {}", coordinates, dir,
                missing.stream().map(a -> a.getFile().getName()).toList());
    }

    /** Each named jar in the folder, or bundled at its version (it is never copied): nothing to ask a repository. */
    private static boolean isThere(Path dir, List<String> coordinates, BundledArtifacts bundled) throws IOException {
        for (String coordinate : coordinates) {
            MavenGav gav = MavenGav.parseGav(coordinate);
            if (!Files.exists(dir.resolve(fileName(gav)))
                    && !bundled.has(gav.getGroupId(), gav.getArtifactId(), gav.getVersion(), coordinate)) {
                return false;
            }
        }
        return true;
    }

    private static List<MavenArtifact> resolve(List<String> coordinates, List<String> repositories) {
        MavenDownloaderImpl downloader = new MavenDownloaderImpl();
        if (!repositories.isEmpty()) {
            downloader.setMavenCentralEnabled(false);
            downloader.setRepos(String.join(",", repositories));
        }
        downloader.build();
        try {
            return downloader.resolveArtifacts(coordinates, Set.of(), true, false);
        } catch (MavenResolutionException e) {
            throw new StartRefusedException("Cannot resolve " + PluginSettings.DEPENDENCIES.name() + " " + coordinates
                    + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        } finally {
            downloader.stop();
        }
    }

    private static String fileName(MavenGav gav) {
        return gav.getArtifactId() + "-" + gav.getVersion()
                + (gav.getClassifier() == null || gav.getClassifier().isEmpty() ? "" : "-" + gav.getClassifier())
                + ".jar";
    }
}
