package io.sqsextended.chain.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What users add to the product without rebuilding it.
 *
 * @param routesDir          folder of user routes (YAML and Java source)
 * @param reloadRoutes       whether a changed route file replaces its routes while the app runs
 * @param pluginsDir         folder of jars added to the application class loader at start
 * @param pluginDependencies Maven coordinates resolved into the plugins folder, groupId:artifactId:version
 * @param pluginRepositories Maven repositories to resolve them from; empty: Maven Central
 */
public record ExtensionSettings(Path routesDir, boolean reloadRoutes, Path pluginsDir, List<String> pluginDependencies,
                                List<String> pluginRepositories) {

    public ExtensionSettings {
        pluginDependencies = List.copyOf(pluginDependencies);
        pluginRepositories = List.copyOf(pluginRepositories);
    }
}
