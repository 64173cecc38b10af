package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.local.LocalSettings;
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
        assertThatThrownBy(() -> read(Map.of("chain.consumer.enabled", "yes")))
                .hasMessageContaining("chain.consumer.enabled must be true or false, not yes");
    }

    @Test
    void everyBadKeyIsListedInOneError() {
        assertThatThrownBy(() -> read(Map.of("chain.extended.always-through-s3", "yes", "chain.presign.ttl", "soon",
                "chain.upload.part-size", "1MiB")))
                .hasMessageContaining("3 configuration errors")
                .hasMessageContaining("chain.extended.always-through-s3")
                .hasMessageContaining("chain.presign.ttl")
                .hasMessageContaining("chain.upload.part-size");
    }

    @Test
    void redeliveryDelaysTakeMillisecondsOrAUnit() {
        ChainConfig config = read(Map.of("chain.consumer.redelivery.initial-delay", "1500",
                "chain.consumer.redelivery.max-delay", "1m"));

        assertThat(config.get(ConsumerSettings.GROUP).redelivery().initialDelay()).isEqualTo(1500);
        assertThat(config.get(ConsumerSettings.GROUP).redelivery().maxDelay()).isEqualTo(60_000);
    }

    @Test
    void theDownloadUrlTtlTakesTheShortFormToo() {
        assertThat(read(Map.of("chain.consumer.download-url-ttl", "30m")).get(ConsumerSettings.GROUP).delivery()
                .downloadUrlTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theProducersPartSizeTakesAUnit() {
        assertThat(read(Map.of("chain.extended.part-size", "16MiB")).get(ProducerSettings.GROUP).extended().partSize())
                .isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void publicAddressesMustBeHttpUrlsAndTheS3EndpointHasNoPath() {
        assertThatThrownBy(() -> read(Map.of("chain.public-url", "ftp://chain.example.com",
                "chain.local.public-endpoint", "http://localhost:9000/s3")))
                .hasMessageContaining(
                        "chain.public-url must be an http(s) URL with a host, such as http://localhost:9000, not "
                        + "ftp://chain.example.com")
                .hasMessageContaining("chain.local.public-endpoint must be an http(s) URL with a host and no path");
    }

    @Test
    void thePublicUrlKeepsItsPathWithoutTheTrailingSlash() {
        assertThat(read(Map.of("chain.public-url", "https://example.com/chain/")).publicUrl())
                .hasToString("https://example.com/chain");
    }

    @Test
    void awsModeNeedsItsResources() {
        assertThatThrownBy(() -> read(Map.of("chain.mode", "aws", "chain.auth.enabled", "false")))
                .hasMessageContaining("chain.bucket").hasMessageContaining("chain.queue")
                        .hasMessageContaining("chain.dead-letter-queue");
    }

    @Test
    void thePayloadBucketIsTheDefaultOfTheBucketsThatDependOnIt() {
        ChainConfig config = read(Map.of("chain.mode", "aws", "chain.auth.enabled", "false", "chain.bucket", "b",
                "chain.queue", "q",
                "chain.dead-letter-queue", "d"));

        assertThat(config.get(TrustSettings.GROUP).allowedBuckets()).containsExactly("b");
        assertThat(config.get(ProducerSettings.GROUP).extended().bucket()).isEqualTo("b");
        assertThat(config.get(ProducerSettings.GROUP).queue()).isEqualTo("q");
    }

    @Test
    void latencyTakesOneValueForBothServicesOrOnePerServiceWithAJitter() {
        ChainConfig config = read(Map.of("chain.local.latency", "s3=20ms+-5ms,sqs=15ms"));

        assertThat(config.local().latency().s3())
                .isEqualTo(new LocalSettings.Latency(Duration.ofMillis(20), Duration.ofMillis(5)));
        assertThat(config.local().latency().sqs())
                .isEqualTo(new LocalSettings.Latency(Duration.ofMillis(15), Duration.ZERO));
        assertThat(read(Map.of("chain.local.latency", "20ms")).local().latency().sqs().base())
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
        ChainConfig config = read(Map.of("chain.local.faults", "s3=0.01:503,sqs=0.005:500"));

        assertThat(config.local().faults())
                .isEqualTo(new LocalSettings.ByService<>(new LocalSettings.Fault(0.01, 503),
                new LocalSettings.Fault(0.005, 500)));
    }

    @Test
    void aBadLatencyRefusesTheStartInOneLineNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("chain.local.latency", "20ms+-30ms")))
                .hasMessageStartingWith("chain.local.latency must look like 20ms, 20ms+-5ms")
                .hasMessageEndingWith("not 20ms+-30ms")
                .hasMessageNotContaining("\n");
    }

    @Test
    void badFaultsRefuseTheStartNamingTheKey() {
        for (String bad : new String[] {"s3=0.1:404", "s3=1.5:503", "s4=0.1:503", "s3=0.1", "s3=0.1:503,s3=0.2:500"}) {
            assertThatThrownBy(() -> read(Map.of("chain.local.faults", bad)))
                    .hasMessageStartingWith("chain.local.faults must look like")
                    .hasMessageEndingWith("not " + bad);
        }
    }

    @Test
    void routeFilesAreReloadedByDefaultInLocalModeOnlyAndEitherModeMayChoose() {
        Map<String, String> aws = IdempotencySettingsTest.AWS;

        assertThat(read(Map.of()).get(ConsumerSettings.GROUP).routes().reload()).isTrue();
        assertThat(read(aws).get(ConsumerSettings.GROUP).routes().reload()).isFalse();
        assertThat(read(Map.of("chain.routes.reload", "false")).get(ConsumerSettings.GROUP).routes().reload())
                .isFalse();
        assertThat(read(with(aws, "chain.routes.reload", "true")).get(ConsumerSettings.GROUP).routes().reload())
                .isTrue();
    }

    @Test
    void pluginDependenciesMustBeMavenCoordinates() {
        assertThatThrownBy(() -> read(Map.of("chain.plugins.dependencies",
                "org.apache.camel:camel-base64:4.18.0,camel-kafka")))
                .hasMessageContaining(
                        "chain.plugins.dependencies entries must be groupId:artifactId:version, not camel-kafka");
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(key, value);
        return more;
    }
}
