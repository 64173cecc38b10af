package io.sqsextended.chain.config;

import java.util.List;

import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.events.TrustSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys a start reads, their variables, and the nearest of them to a typo. */
class KnownKeysTest {

    private static final KnownKeys KNOWN = KnownKeys.load(SettingsBinder.declared(Application.SETTINGS));

    @Test
    void aKeysVariableIsTheKeyUpperCasedWithUnderscoresForDotsAndDashes() {
        assertThat(KnownKeys.variable(ChainKeys.LOCAL_DATA_DIR.name())).isEqualTo("CHAIN_LOCAL_DATA_DIR");
        assertThat(KnownKeys.variable(ChainKeys.LOCAL_PARAMETERS.name() + "<Name>"))
                .isEqualTo("CHAIN_LOCAL_PARAMETER_<Name>");
    }

    @Test
    void everyKnownKeyIsReachedFromItsVariableAlone() {
        List<String> keys = KNOWN.keys().stream().filter(key -> !key.endsWith("<Name>")).toList();

        assertThat(keys).contains(ChainKeys.LOCAL_DATA_DIR.name(), "camel.server.port", "camel.main.shutdown-timeout");
        assertThat(keys.stream().map(key -> KNOWN.keyOf(KnownKeys.variable(key)).orElse(null)))
                .containsExactlyElementsOf(keys);
    }

    @Test
    void theNearestKeyToATypoIsTheOneMeant() {
        assertThat(KNOWN.nearestKey("chain.consumer.pointer-prefix")).isEqualTo(TrustSettings.POINTER_PREFIXES.name());
        assertThat(KNOWN.nearestKey("camel.serverr.port")).isEqualTo("camel.server.port");
        assertThat(KNOWN.nearestToVariable("CHAIN_LOCAL_DATADIR")).isEqualTo(ChainKeys.LOCAL_DATA_DIR.name());
    }

    @Test
    void chainKeysAreKnownByTheirExactNameOrTheirFamily() {
        assertThat(KNOWN.isKnown(ChainKeys.LOCAL_DATA_DIR.name())).isTrue();
        assertThat(KNOWN.isKnown(ChainKeys.LOCAL_PARAMETERS.name() + "MaxReceiveCount")).isTrue();
        assertThat(KNOWN.isKnown("chain.local.dataDir")).isFalse();
        assertThat(KNOWN.isKnown(ChainKeys.LOCAL_PARAMETERS.name())).isFalse();
    }

    @Test
    void camelKeysAreKnownWhenCamelMainBindsTheirGroup() {
        assertThat(KNOWN.isKnown("camel.server.port")).isTrue();
        assertThat(KNOWN.isKnown("camel.rest.api-properties[api.title]")).isTrue();
        assertThat(KNOWN.isKnown("camel.component.aws2-s3.region")).isTrue();
        assertThat(KNOWN.isKnown("camel.jbang.dependencies")).isFalse();
        assertThat(KNOWN.isKnown("camel.serverr.port")).isFalse();
    }

    @Test
    void keysOfOtherNamesArePlaceholdersOfUserRoutes() {
        assertThat(KNOWN.isKnown("my.webhook.url")).isTrue();
    }
}
