package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.plugins.PluginSettings;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.producer.ProducerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One parser per kind of value, and one start-up error naming every bad key. */
class ChainConfigTest {

    private static ChainConfig read(Map<String, String> values) {
        return SettingsBinder.read(ConfigSource.of(values), Application.SETTINGS);
    }

    @Test
    void aBooleanOtherThanTrueOrFalseIsAnError() {
        assertThatThrownBy(() -> read(Map.of(ConsumerSettings.ENABLED.name(), "yes")))
                .hasMessageContaining(ConsumerSettings.ENABLED.name() + " must be true or false, not yes");
    }

    @Test
    void everyBadKeyIsListedInOneError() {
        assertThatThrownBy(() -> read(Map.of(ProducerSettings.ALWAYS_THROUGH_S3.name(), "yes",
                PresignSettings.TTL.name(), "soon",
                PresignSettings.UPLOAD_PART_SIZE.name(), "1MiB")))
                .hasMessageContaining("3 configuration errors")
                .hasMessageContaining(ProducerSettings.ALWAYS_THROUGH_S3.name())
                .hasMessageContaining(PresignSettings.TTL.name())
                .hasMessageContaining(PresignSettings.UPLOAD_PART_SIZE.name());
    }

    @Test
    void redeliveryDelaysTakeMillisecondsOrAUnit() {
        ChainConfig config = read(Map.of(ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "1500",
                ConsumerSettings.REDELIVERY_MAX_DELAY.name(), "1m"));

        assertThat(config.get(ConsumerSettings.GROUP).redelivery().initialDelay()).isEqualTo(1500);
        assertThat(config.get(ConsumerSettings.GROUP).redelivery().maxDelay()).isEqualTo(60_000);
    }

    @Test
    void theDownloadUrlTtlTakesTheShortFormToo() {
        assertThat(read(Map.of(ConsumerSettings.DOWNLOAD_URL_TTL.name(), "30m")).get(ConsumerSettings.GROUP).delivery()
                .downloadUrlTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theProducersPartSizeTakesAUnit() {
        assertThat(read(Map.of(ProducerSettings.PART_SIZE.name(), "16MiB")).get(ProducerSettings.GROUP).extended()
                .partSize())
                .isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void publicAddressesMustBeHttpUrlsAndTheS3EndpointHasNoPath() {
        assertThatThrownBy(() -> read(Map.of(ChainKeys.PUBLIC_URL.name(), "ftp://chain.example.com",
                ChainKeys.LOCAL_PUBLIC_ENDPOINT.name(), "http://localhost:9000/s3")))
                .hasMessageContaining(
                        ChainKeys.PUBLIC_URL.name()
                        + " must be an http(s) URL with a host, such as http://localhost:9000, not "
                        + "ftp://chain.example.com")
                .hasMessageContaining(ChainKeys.LOCAL_PUBLIC_ENDPOINT.name()
                        + " must be an http(s) URL with a host and no path");
    }

    @Test
    void thePublicUrlKeepsItsPathWithoutTheTrailingSlash() {
        assertThat(read(Map.of(ChainKeys.PUBLIC_URL.name(), "https://example.com/chain/")).publicUrl())
                .hasToString("https://example.com/chain");
    }

    @Test
    void awsModeNeedsItsResources() {
        assertThatThrownBy(() -> read(Map.of(ChainKeys.MODE.name(), "aws", AuthSettings.ENABLED.name(), "false")))
                .hasMessageContaining(ChainKeys.BUCKET.name()).hasMessageContaining(ChainKeys.QUEUE.name())
                        .hasMessageContaining(ChainKeys.DEAD_LETTER_QUEUE.name());
    }

    @Test
    void thePayloadBucketIsTheDefaultOfTheBucketsThatDependOnIt() {
        ChainConfig config = read(Map.of(ChainKeys.MODE.name(), "aws", AuthSettings.ENABLED.name(), "false",
                ChainKeys.BUCKET.name(), "b",
                ChainKeys.QUEUE.name(), "q",
                ChainKeys.DEAD_LETTER_QUEUE.name(), "d"));

        assertThat(config.get(TrustSettings.GROUP).allowedBuckets()).containsExactly("b");
        assertThat(config.get(ProducerSettings.GROUP).extended().bucket()).isEqualTo("b");
        assertThat(config.get(ProducerSettings.GROUP).queue()).isEqualTo("q");
    }

    @Test
    void latencyTakesOneValueForBothServicesOrOnePerServiceWithAJitter() {
        ChainConfig config = read(Map.of(ChainKeys.LOCAL_LATENCY.name(), "s3=20ms+-5ms,sqs=15ms"));

        assertThat(config.local().latency().s3())
                .isEqualTo(new LocalSettings.Latency(Duration.ofMillis(20), Duration.ofMillis(5)));
        assertThat(config.local().latency().sqs())
                .isEqualTo(new LocalSettings.Latency(Duration.ofMillis(15), Duration.ZERO));
        assertThat(read(Map.of(ChainKeys.LOCAL_LATENCY.name(), "20ms")).local().latency().sqs().base())
                .isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void latencyAndFaultsDefaultToNone() {
        ChainConfig config = read(Map.of());

        assertThat(config.local().latency()).isEqualTo(LocalSettings.ByService.both(LocalSettings.Latency.NONE));
        assertThat(config.local().faults()).isEqualTo(LocalSettings.ByService.both(LocalSettings.Fault.NONE));
    }

    @Test
    void faultsTakeARateAndAStatusPerService() {
        ChainConfig config = read(Map.of(ChainKeys.LOCAL_FAULTS.name(), "s3=0.01:503,sqs=0.005:500"));

        assertThat(config.local().faults())
                .isEqualTo(new LocalSettings.ByService<>(new LocalSettings.Fault(0.01, 503),
                new LocalSettings.Fault(0.005, 500)));
    }

    @Test
    void aBadLatencyRefusesTheStartInOneLineNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(ChainKeys.LOCAL_LATENCY.name(), "20ms+-30ms")))
                .hasMessageStartingWith(ChainKeys.LOCAL_LATENCY.name() + " must look like 20ms, 20ms+-5ms")
                .hasMessageEndingWith("not 20ms+-30ms")
                .hasMessageNotContaining("\n");
    }

    @Test
    void badFaultsRefuseTheStartNamingTheKey() {
        for (String bad : new String[] {"s3=0.1:404", "s3=1.5:503", "s4=0.1:503", "s3=0.1", "s3=0.1:503,s3=0.2:500"}) {
            assertThatThrownBy(() -> read(Map.of(ChainKeys.LOCAL_FAULTS.name(), bad)))
                    .hasMessageStartingWith(ChainKeys.LOCAL_FAULTS.name() + " must look like")
                    .hasMessageEndingWith("not " + bad);
        }
    }

    @Test
    void routeFilesAreReloadedByDefaultInLocalModeOnlyAndEitherModeMayChoose() {
        Map<String, String> aws = IdempotencySettingsTest.AWS;

        assertThat(read(Map.of()).get(ConsumerSettings.GROUP).routes().reload()).isTrue();
        assertThat(read(aws).get(ConsumerSettings.GROUP).routes().reload()).isFalse();
        assertThat(read(Map.of(ConsumerSettings.ROUTES_RELOAD.name(), "false")).get(ConsumerSettings.GROUP).routes()
                .reload())
                .isFalse();
        assertThat(read(with(aws, ConsumerSettings.ROUTES_RELOAD.name(), "true")).get(ConsumerSettings.GROUP).routes()
                .reload())
                .isTrue();
    }

    @Test
    void pluginDependenciesMustBeMavenCoordinates() {
        assertThatThrownBy(() -> read(Map.of(PluginSettings.DEPENDENCIES.name(),
                "org.apache.camel:camel-base64:4.18.0,camel-kafka")))
                .hasMessageContaining(
                        PluginSettings.DEPENDENCIES.name()
                        + " entries must be groupId:artifactId:version, not camel-kafka");
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(key, value);
        return more;
    }
}
