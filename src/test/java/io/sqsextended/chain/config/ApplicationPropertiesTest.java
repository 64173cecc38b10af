package io.sqsextended.chain.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.sqsextended.chain.config.setting.Setting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code chain.*} line of application.properties names a declared key, commented out with its declared default.
 */
class ApplicationPropertiesTest {

    private static final Path FILE = Path.of("src/main/resources/application.properties");
    private static final Pattern LINE = Pattern.compile("^(#?)(chain\\.[\\w.<>-]+)\\s*=\\s*(.*)$");

    @Test
    void everyChainLineNamesADeclaredKeyOnce() throws IOException {
        List<String> keys = lines().stream().map(line -> line.group(2)).toList();

        assertThat(keys.stream().filter(key -> declared(key) == null)).as("keys no Setting declares").isEmpty();
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void aCommentedLineStatesTheDeclaredDefaultOrAnExampleWhereThereIsNone() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (Matcher line : lines()) {
            Setting<?> key = declared(line.group(2));
            boolean oneDefault = key != null && !key.isFamily() && !key.hasModeDefaults() && key.defaultValue() != null
                    && !key.defaultValue().isEmpty();
            if (line.group(1).equals("#") && oneDefault && !line.group(3).equals(key.defaultValue())) {
                disagreements.add("#" + key.name() + " = " + key.defaultValue() + " (not " + line.group(3) + ")");
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theOnlyKeysTheFileSetsAreLocalModesDevelopmentTokens() throws IOException {
        Map<String, String> set = new TreeMap<>();
        lines().stream().filter(line -> line.group(1).isEmpty()).forEach(line -> set.put(line.group(2), line.group(3)));

        assertThat(set).containsOnlyKeys(AuthSettings.PRODUCER_TOKENS.name(), AuthSettings.CONSUMER_TOKENS.name(),
                AuthSettings.ADMIN_TOKENS.name());
        assertThat(set.values()).containsExactlyInAnyOrderElementsOf(AuthSettings.DEVELOPMENT_TOKENS);
    }

    private static Setting<?> declared(String key) {
        return ReadmeConfigurationTableTest.DECLARED.stream()
                .filter(setting -> setting.isFamily() ? key.startsWith(setting.name()) : key.equals(setting.name()))
                        .findFirst().orElse(null);
    }

    private static List<Matcher> lines() throws IOException {
        return Files.readAllLines(FILE).stream().map(LINE::matcher).filter(Matcher::matches).toList();
    }
}
