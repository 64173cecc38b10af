package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.setting.ConfigValues;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings are parsed leniently (15m, PT15M, 5GiB) and checked against S3's limits at start-up. */
class PresignSettingsTest {

    @Test
    void durationsTakeShortFormsAndIso8601() {
        assertThat(ConfigValues.duration("k", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConfigValues.duration("k", "900s")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConfigValues.duration("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigValues.duration("k", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigValues.duration("k", "PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anUnreadableDurationNamesItsKey() {
        assertThatThrownBy(() -> ConfigValues.duration(PresignSettings.TTL.name(), "soon"))
                .hasMessageContaining(PresignSettings.TTL.name());
    }

    @Test
    void sizesTakeBytesAndBinaryUnits() {
        assertThat(ConfigValues.size("k", "5242880")).isEqualTo(5L * 1024 * 1024);
        assertThat(ConfigValues.size("k", "5MiB")).isEqualTo(5L * 1024 * 1024);
        assertThat(ConfigValues.size("k", "5 gib")).isEqualTo(5L * 1024 * 1024 * 1024);
    }

    @Test
    void decimalUnitsAreRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> ConfigValues.size(PresignSettings.UPLOAD_MAX_SIZE.name(), "5GB"))
                .hasMessageContaining(PresignSettings.UPLOAD_MAX_SIZE.name());
    }

    @Test
    void aTtlBeyondSevenDaysIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ofDays(8), 5 * S3Limits.MIB)).hasMessageContaining("7 days");
    }

    @Test
    void aPartSizeBelowS3sMinimumIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ofMinutes(15), S3Limits.MIB)).hasMessageContaining("5 MiB");
    }

    @Test
    void defaultsAllowDownloadsFromTheInputPrefix() {
        PresignSettings settings = SettingsBinder.read(ConfigSource.of(Map.of()), Application.SETTINGS)
                .get(PresignSettings.GROUP);

        assertThat(settings.downloadPrefixes()).containsExactly("input/");
        assertThat(settings.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.allowedContentTypes()).contains("application/octet-stream").doesNotContain("text/html");
    }

    private static PresignSettings settings(Duration ttl, long partSize) {
        return new PresignSettings("input/", List.of("input/"), ttl, S3Limits.GIB, 100 * S3Limits.MIB, partSize,
                List.of("text/plain"));
    }
}
