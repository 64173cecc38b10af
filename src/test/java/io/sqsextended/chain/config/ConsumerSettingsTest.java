package io.sqsextended.chain.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sqsextended.chain.config.setting.ChainResources;
import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.setting.StartRefusedException;
import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.events.PointerGrant;
import io.sqsextended.chain.consumer.events.TrustSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consumer's trust settings: where pointers may name objects (never the input prefix), SNS signature checks. */
class ConsumerSettingsTest {

    static TrustSettings settings(Map<String, String> values) {
        return read(values).get(TrustSettings.GROUP);
    }

    static ChainConfig read(Map<String, String> values) {
        return SettingsBinder.read(ConfigSource.of(values), Application.SETTINGS);
    }

    static List<PointerGrant> grants(Map<String, String> values) {
        return settings(values).pointerGrants();
    }

    /** aws mode with the upload bucket {@code payloads}, known at start. */
    static Map<String, String> aws(String pointerPrefixes) {
        Map<String, String> values = new HashMap<>(
                Map.of(ChainKeys.MODE.name(), "aws", AuthSettings.ENABLED.name(), "false",
                        ChainKeys.BUCKET.name(), "payloads",
                        ChainKeys.QUEUE.name(), "q", ChainKeys.DEAD_LETTER_QUEUE.name(), "d"));
        values.put(TrustSettings.POINTER_PREFIXES.name(), pointerPrefixes);
        return values;
    }

    @Test
    void pointersMayNameTheExtendedProducersPrefixByDefault() {
        assertThat(grants(Map.of())).containsExactly(new PointerGrant(null, "offload/"));
        assertThat(grants(Map.of(ChainKeys.EXTENDED_KEY_PREFIX.name(), "large/")))
                .containsExactly(new PointerGrant(null, "large/"));
    }

    @Test
    void otherProducersPrefixesAreAListOfTheirOwn() {
        assertThat(grants(Map.of(TrustSettings.POINTER_PREFIXES.name(), "offload/, java-client/")))
                .containsExactly(new PointerGrant(null, "offload/"), new PointerGrant(null, "java-client/"));
    }

    @Test
    void anS3UrlGrantsOneBucketsPrefixOrWithATrailingSlashItsWholeKeySpace() {
        assertThat(grants(Map.of(TrustSettings.POINTER_PREFIXES.name(),
                "offload/, s3://sns-offloads/, s3://shared/large/")))
                .containsExactly(new PointerGrant(null, "offload/"), new PointerGrant("sns-offloads", ""),
                        new PointerGrant("shared", "large/"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s3://", "s3://bucket", "s3:///offload/"})
    void anS3UrlWithoutBucketOrSlashStopsTheStart(String entry) {
        assertThatThrownBy(() -> settings(Map.of(TrustSettings.POINTER_PREFIXES.name(), entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        TrustSettings.POINTER_PREFIXES.name()
                        + " entries are key prefixes, s3://BUCKET/PREFIX or s3://BUCKET/,"
                        + " not " + entry);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s3://payloads/", "s3://payloads/inp", "s3://payloads/input/2026/",
            "offload/, s3://payloads/"})
    void aGrantOfTheUploadBucketThatReachesItsInputPrefixStopsTheStart(String prefixes) {
        assertThatThrownBy(() -> read(aws(prefixes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        TrustSettings.POINTER_PREFIXES.name()
                        + " must not overlap chain.input-prefix (input/ of the upload "
                        + "bucket payloads)");
    }

    @Test
    void aGrantOfTheUploadBucketOutsideItsInputPrefixOrOfAnotherBucketsWholeKeySpaceIsAccepted() {
        assertThat(settings(aws("s3://payloads/offload/, s3://sns-offloads/")).pointerGrants())
                .containsExactly(new PointerGrant("payloads", "offload/"), new PointerGrant("sns-offloads", ""));
    }

    @Test
    void inLocalModeAGrantOfTheTemplatesBucketThatReachesItsInputPrefixStopsTheStartOnceTheBucketIsKnown() {
        ChainConfig config = read(Map.of(TrustSettings.POINTER_PREFIXES.name(), "s3://stack-payloads/"));

        assertThatThrownBy(() -> config.withResources(new ChainResources("stack-payloads", "q", "d", null)))
                .isInstanceOf(StartRefusedException.class)
                .hasMessage(
                        "Cannot start: chain.consumer.pointer-prefixes must not overlap chain.input-prefix (input/ of "
                        + "the upload bucket "
                        + "stack-payloads): s3://stack-payloads/ would let a pointer name, and the cleanup delete, a "
                                + "producer's upload");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"input/", "input/2026/", "in", "offload/,input/"})
    void aPrefixThatOverlapsTheInputPrefixStopsTheStart(String prefixes) {
        assertThatThrownBy(() -> settings(Map.of(TrustSettings.POINTER_PREFIXES.name(), prefixes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TrustSettings.POINTER_PREFIXES.name() + " must not overlap chain.input-prefix");
    }

    @Test
    void snsSignatureVerificationIsOffByDefaultAndTakesOnlyTrueOrFalse() {
        assertThat(settings(Map.of()).verifySnsSignatures()).isFalse();
        assertThat(settings(Map.of(TrustSettings.VERIFY_SNS_SIGNATURES.name(), "true")).verifySnsSignatures()).isTrue();
        assertThatThrownBy(() -> settings(Map.of(TrustSettings.VERIFY_SNS_SIGNATURES.name(), "yes")))
                .hasMessageContaining(TrustSettings.VERIFY_SNS_SIGNATURES.name() + " must be true or false");
    }
}
