package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.ConsumerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where delivered keys are kept: per instance by default, shared on PostgreSQL by configuration alone. */
class IdempotencySettingsTest {

    static final Map<String, String> AWS = Map.of(ChainKeys.MODE.name(), "aws", AuthSettings.ENABLED.name(), "false",
            ChainKeys.BUCKET.name(), "b", ChainKeys.QUEUE.name(), "q", ChainKeys.DEAD_LETTER_QUEUE.name(), "d");

    static ConsumerSettings.Idempotency read(Map<String, String> base, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(values);
        return SettingsBinder.read(ConfigSource.of(all), Application.SETTINGS).get(ConsumerSettings.GROUP)
                .idempotency();
    }

    @Test
    void localModeKeepsKeysInAFileAndAwsModeInMemoryByDefault() {
        assertThat(read(Map.of(), Map.of()).store()).isEqualTo(ConsumerSettings.Store.FILE);
        assertThat(read(AWS, Map.of()).store()).isEqualTo(ConsumerSettings.Store.MEMORY);
    }

    @Test
    void theSharedStoreIsChosenByConfigurationWithItsConnection() {
        ConsumerSettings.Idempotency idempotency = read(AWS, Map.of(ConsumerSettings.IDEMPOTENCY_STORE.name(), "jdbc",
                ConsumerSettings.IDEMPOTENCY_JDBC_URL.name(), "jdbc:postgresql://db:5432/chain",
                ConsumerSettings.IDEMPOTENCY_JDBC_USER.name(), "chain",
                ConsumerSettings.IDEMPOTENCY_JDBC_PASSWORD.name(), "s3cret",
                ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name(), "30s"));

        assertThat(idempotency.store()).isEqualTo(ConsumerSettings.Store.JDBC);
        assertThat(idempotency.jdbc()).isEqualTo(
                new ConsumerSettings.Jdbc("jdbc:postgresql://db:5432/chain", "chain", "s3cret", 10));
        assertThat(idempotency.claimTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(idempotency.retention()).isEqualTo(Duration.ofDays(15));
    }

    @Test
    void theSharedStoreNeedsAJdbcUrl() {
        assertThatThrownBy(() -> read(AWS, Map.of(ConsumerSettings.IDEMPOTENCY_STORE.name(), "jdbc")))
                .hasMessageContaining(
                        ConsumerSettings.IDEMPOTENCY_STORE.name() + "=jdbc needs chain.consumer.idempotency.jdbc-url");
    }

    @Test
    void anUnknownStoreIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> read(AWS, Map.of(ConsumerSettings.IDEMPOTENCY_STORE.name(), "redis")))
                .hasMessageContaining(ConsumerSettings.IDEMPOTENCY_STORE.name()
                        + " must be memory, file or jdbc, not redis");
    }

    @Test
    void aClaimTimeoutBelowThreeSecondsIsRefused() {
        assertThatThrownBy(() -> read(AWS, Map.of(ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name(), "2s")))
                .hasMessageContaining(ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name() + " must be at least 3s");
    }

    @Test
    void theRetentionMustOutlastTheClaimTimeout() {
        assertThatThrownBy(() -> read(AWS,
                Map.of(ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name(), "1h",
                        ConsumerSettings.IDEMPOTENCY_RETENTION.name(), "30m")))
                .hasMessageContaining(
                        ConsumerSettings.IDEMPOTENCY_RETENTION.name() + " must be longer than "
                        + ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name());
    }

    @Test
    void theDatabasePasswordNeverShowsInTheSettingsText() {
        ConsumerSettings.Jdbc jdbc = new ConsumerSettings.Jdbc("jdbc:postgresql://db/chain", "chain", "s3cret", 10);

        assertThat(jdbc.toString()).doesNotContain("s3cret").contains("(secret)");
    }
}
