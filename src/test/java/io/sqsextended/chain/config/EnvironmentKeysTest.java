package io.sqsextended.chain.config;

import java.util.List;
import java.util.Map;

import io.sqsextended.chain.Application;
import io.sqsextended.chain.consumer.events.TrustSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which environment variables are settings, and the key each sets. */
class EnvironmentKeysTest {

    private static final KnownKeys KNOWN = KnownKeys.load(SettingsBinder.declared(Application.SETTINGS));

    @Test
    void aChainVariableSetsTheKeyWhoseDotsAndDashesItWritesAsUnderscores() {
        assertThat(read(Map.of("CHAIN_CONSUMER_POINTER_PREFIXES", "offload/")).properties())
                .containsExactly(Map.entry(TrustSettings.POINTER_PREFIXES.name(), "offload/"));
    }

    @Test
    void aCamelVariableEndingInPortSetsItsKey() {
        // Camel Main's own mapping skips any variable ending in _PORT (it takes them for Kubernetes service links)
        assertThat(read(Map.of("CAMEL_SERVER_PORT", "28080", "CAMEL_MANAGEMENT_PORT", "29876")).properties())
                .containsExactly(Map.entry("camel.management.port", "29876"), Map.entry("camel.server.port", "28080"));
    }

    @Test
    void aCamelMainVariableSetsTheDashedKeyOfItsOption() {
        assertThat(read(Map.of("CAMEL_MAIN_SHUTDOWN_TIMEOUT", "5")).properties())
                .containsExactly(Map.entry("camel.main.shutdown-timeout", "5"));
    }

    @Test
    void aTemplateParameterVariableKeepsTheParametersNameAsWritten() {
        assertThat(read(Map.of("CHAIN_LOCAL_PARAMETER_MaxReceiveCount", "3")).properties())
                .containsExactly(Map.entry(ChainKeys.LOCAL_PARAMETERS.name() + "MaxReceiveCount", "3"));
    }

    @Test
    void aSystemPropertyOfTheSameKeyWinsOverTheVariable() {
        EnvironmentKeys.Settings settings = EnvironmentKeys.read(
                Map.of("CHAIN_LOCAL_S3_PORT", "9001", "CAMEL_SERVER_MAX_BODY_SIZE", "100"),
                Map.of(ChainKeys.LOCAL_S3_PORT.name(), "9002", "camel.server.maxBodySize", "200"), KNOWN);

        assertThat(settings.properties())
                .containsExactly(Map.entry("camel.server.max-body-size", "200"),
                Map.entry(ChainKeys.LOCAL_S3_PORT.name(), "9002"));
    }

    @Test
    void theClientsTokenIsNoSetting() {
        assertThat(read(Map.of("CHAIN_TOKEN", "secret"))).isEqualTo(new EnvironmentKeys.Settings(Map.of(), List.of()));
    }

    @Test
    void kubernetesServiceLinksAreNoSettings() {
        EnvironmentKeys.Settings settings = read(Map.of("CHAIN_SERVICE_HOST", "10.0.0.11", "CHAIN_SERVICE_PORT", "8080",
                "CHAIN_SERVICE_PORT_HTTP", "8080", "CHAIN_PORT", "tcp://10.0.0.11:8080", "CHAIN_PORT_8080_TCP",
                        "tcp://10.0.0.11:8080",
                "CHAIN_PORT_8080_TCP_ADDR", "10.0.0.11", "CHAIN_PORT_8080_TCP_PORT", "8080",
                        "CHAIN_PORT_8080_TCP_PROTO", "tcp"));

        assertThat(settings.properties()).isEmpty();
        assertThat(settings.unknown()).isEmpty();
    }

    @Test
    void theServiceLinkOfAServiceNamedLikeAPortKeyIsNoSetting() {
        assertThat(read(Map.of("CAMEL_SERVER_PORT", "tcp://10.0.0.12:8080", "CHAIN_LOCAL_S3_PORT",
                "tcp://10.0.0.13:9000")))
                .isEqualTo(new EnvironmentKeys.Settings(Map.of(), List.of()));
    }

    @Test
    void aPortVariableThatIsNoServiceLinkIsAnUnknownSetting() {
        assertThat(read(Map.of("CHAIN_SERVER_PORT", "8080")).unknown()).containsExactly("CHAIN_SERVER_PORT");
    }

    @Test
    void anUnknownChainVariableIsReported() {
        assertThat(read(Map.of("CHAIN_CONSUMER_POINTER_PREFIX", "offload/")).unknown())
                .containsExactly("CHAIN_CONSUMER_POINTER_PREFIX");
    }

    @Test
    void anUnknownOptionOfACamelMainGroupIsReported() {
        assertThat(read(Map.of("CAMEL_SERVER_PROT", "8080")).unknown()).containsExactly("CAMEL_SERVER_PROT");
    }

    @Test
    void camelVariablesOutsideCamelMainsGroupsAreOtherToolsAndLeftAlone() {
        assertThat(read(Map.of("CAMEL_K_CONF", "/etc/camel/application.properties", "CAMEL_HOME", "/opt/camel")))
                .isEqualTo(new EnvironmentKeys.Settings(Map.of(), List.of()));
    }

    @Test
    void componentAndBeanVariablesAreLeftToCamelMainsOwnMapping() {
        assertThat(read(Map.of("CAMEL_COMPONENT_AWS2_S3_REGION", "eu-west-1", "CAMEL_BEANS_EXAMPLEDB_PASSWORD",
                "secret")))
                .isEqualTo(new EnvironmentKeys.Settings(Map.of(), List.of()));
    }

    private static EnvironmentKeys.Settings read(Map<String, String> environment) {
        return EnvironmentKeys.read(environment, Map.of(), KNOWN);
    }
}
