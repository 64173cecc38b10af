package io.sqsextended.chain.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.ConsumerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each key is declared once, with its doc, by a holder whose group config binds. */
class DeclaredSettingsTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void noKeyIsDeclaredTwice() {
        assertThat(SettingsBinder.declared(Application.SETTINGS).stream().map(Setting::name)).doesNotHaveDuplicates();
    }

    @Test
    void everyKeyHasAOneLineDoc() {
        assertThat(SettingsBinder.declared(Application.SETTINGS))
                .filteredOn(key -> key.doc() == null || key.doc().isBlank() || key.doc().contains("\n")).isEmpty();
    }

    /** A group left out of Application.SETTINGS would have its keys refused as unknown, and its record never read. */
    @Test
    void everyFeaturesGroupIsHandedToTheBinding() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> holders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains("SettingsGroup.of("))
                    .map(file -> SOURCES.relativize(file).toString().replace(".java", "").replace('/', '.')).toList();

            assertThat(Application.SETTINGS.stream().map(group -> group.holder().getName()))
                    .containsExactlyInAnyOrderElementsOf(holders);
        }
    }

    @Test
    void aKeyWithADefaultPerModeIsReadWithTheModesDefault() {
        Setting<String> key = Setting.text("chain.test.key", null, "a key").byMode("l", "a");

        assertThat(new ConfigReader(ConfigSource.of(Map.of()), true, null).get(key)).isEqualTo("l");
        assertThat(new ConfigReader(ConfigSource.of(Map.of()), false, null).get(key)).isEqualTo("a");
    }

    @Test
    void aValueThatFailsItsCheckIsRefusedNamingTheKeyAndTheDefaultStandsIn() {
        Setting<Integer> key = Setting.integer("chain.test.count", "5", "a count")
                .require(count -> count >= 1, "must be at least 1");
        ConfigReader in = new ConfigReader(ConfigSource.of(Map.of("chain.test.count", "0")), true, null);

        assertThat(in.get(key)).isEqualTo(5);
        assertThat(in.errors()).containsExactly("chain.test.count must be at least 1, not 0");
    }

    @Test
    void aFeatureReadsAKeyByItsDeclarationAloneWithTheDefaultOfTheMode() {
        ChainConfig local = SettingsBinder.read(
                ConfigSource.of(Map.of(ConsumerSettings.REDELIVERY_MAX_WAITING.name(), "7")),
                Application.SETTINGS);
        ChainConfig aws = SettingsBinder.read(ConfigSource.of(IdempotencySettingsTest.AWS), Application.SETTINGS);

        assertThat(local.value(ConsumerSettings.REDELIVERY_MAX_WAITING)).isEqualTo(7);
        assertThat(local.value(ConsumerSettings.ROUTES_RELOAD)).isTrue();
        assertThat(aws.value(ConsumerSettings.ROUTES_RELOAD)).isFalse();
        assertThat(aws.value(ConsumerSettings.VISIBILITY_TIMEOUT)).isNull();
    }

    @Test
    void aKeyThatNoRecordReadsIsCheckedAtStartAllTheSame() {
        assertThatThrownBy(() -> SettingsBinder.read(ConfigSource.of(Map.of(ChainKeys.LOG_FORMAT.name(), "xml")),
                Application.SETTINGS))
                .hasMessage(ChainKeys.LOG_FORMAT.name() + " must be text or json, not xml");
    }

    @Test
    void aKeyNoBoundGroupDeclaresHasNoValue() {
        ChainConfig config = SettingsBinder.read(ConfigSource.of(Map.of()), Application.SETTINGS);

        assertThatThrownBy(() -> config.value(Setting.text("chain.test.undeclared", "x", "a key")))
                .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("chain.test.undeclared is declared by no group");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
