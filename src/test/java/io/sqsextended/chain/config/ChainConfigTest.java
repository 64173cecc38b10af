package io.sqsextended.chain.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One parser per kind of value, and one start-up error naming every bad key. */
class ChainConfigTest {

    private static ChainConfig read(Map<String, String> values) {
        return ChainConfigBinder.read(ConfigSource.of(values));
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
        ChainConfig config = read(Map.of("chain.consumer.redelivery.initial-delay", "1500", "chain.consumer.redelivery.max-delay", "1m"));

        assertThat(config.consumer().redelivery().initialDelay()).isEqualTo(1500);
        assertThat(config.consumer().redelivery().maxDelay()).isEqualTo(60_000);
    }

    @Test
    void theDownloadUrlTtlTakesTheShortFormToo() {
        assertThat(read(Map.of("chain.consumer.download-url-ttl", "30m")).consumer().delivery().downloadUrlTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theProducersPartSizeTakesAUnit() {
        assertThat(read(Map.of("chain.extended.part-size", "16MiB")).producer().partSize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void publicAddressesMustBeHttpUrlsAndTheS3EndpointHasNoPath() {
        assertThatThrownBy(() -> read(Map.of("chain.public-url", "ftp://chain.example.com", "chain.local.public-endpoint", "http://localhost:9000/s3")))
                .hasMessageContaining("chain.public-url must be an http(s) URL with a host, such as http://localhost:9000, not ftp://chain.example.com")
                .hasMessageContaining("chain.local.public-endpoint must be an http(s) URL with a host and no path");
    }

    @Test
    void thePublicUrlKeepsItsPathWithoutTheTrailingSlash() {
        assertThat(read(Map.of("chain.public-url", "https://example.com/chain/")).publicUrl()).hasToString("https://example.com/chain");
    }

    @Test
    void awsModeNeedsItsResources() {
        assertThatThrownBy(() -> read(Map.of("chain.mode", "aws", "chain.auth.enabled", "false")))
                .hasMessageContaining("chain.bucket").hasMessageContaining("chain.queue").hasMessageContaining("chain.dead-letter-queue");
    }

    @Test
    void thePayloadBucketIsTheDefaultOfTheBucketsThatDependOnIt() {
        ChainConfig config = read(Map.of("chain.mode", "aws", "chain.auth.enabled", "false", "chain.bucket", "b", "chain.queue", "q",
                "chain.dead-letter-queue", "d"));

        assertThat(config.consumer().trust().allowedBuckets()).containsExactly("b");
        assertThat(config.producer().bucket()).isEqualTo("b");
        assertThat(config.producerQueue()).isEqualTo("q");
    }
}
