package io.sqsextended.chain.plugins;

import java.nio.file.Path;
import java.util.List;

import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;

/**
 * Jars users add to the product without rebuilding it ({@code chain.plugins.*}).
 *
 * @param pluginsDir         folder of jars added to the application class loader at start
 * @param pluginDependencies Maven coordinates resolved into the plugins folder, groupId:artifactId:version
 * @param pluginRepositories Maven repositories to resolve them from; empty: Maven Central
 */
public record PluginSettings(Path pluginsDir, List<String> pluginDependencies, List<String> pluginRepositories) {

    public static final String PREFIX = "chain.plugins.";
    public static final Setting<String> DIR = Setting.text(PREFIX + "dir", "plugins", "folder of jars added at start");
    public static final Setting<List<String>> DEPENDENCIES = Setting.list(PREFIX + "dependencies", "",
            "Maven coordinates resolved into the folder at the first start");
    public static final Setting<List<String>> REPOSITORIES = Setting.list(PREFIX + "repositories", "",
            "Maven repositories to resolve them from instead of Maven Central");

    public static final SettingsGroup<PluginSettings> GROUP =
            SettingsGroup.of(PluginSettings.class, PluginSettings::read);

    public PluginSettings {
        pluginDependencies = List.copyOf(pluginDependencies);
        pluginRepositories = List.copyOf(pluginRepositories);
    }

    private static PluginSettings read(ConfigReader in) {
        for (String coordinates : in.get(DEPENDENCIES)) {
            in.check(coordinates.split(":").length >= 3, DEPENDENCIES.name()
                    + " entries must be groupId:artifactId:version, not " + coordinates);
        }
        return new PluginSettings(Path.of(in.get(DIR)).toAbsolutePath().normalize(), in.get(DEPENDENCIES),
                in.get(REPOSITORIES));
    }
}
