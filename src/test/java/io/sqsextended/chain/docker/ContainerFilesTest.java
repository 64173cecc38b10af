package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be checked of the image and the compose file without a Docker engine. */
class ContainerFilesTest {

    static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    static final Path COMPOSE = Path.of("docker/compose.yaml");

    @Test
    void theImageRunsTheShadedJarItCopies() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher copy = Pattern.compile("COPY --from=build /src/target/(\\S+) (\\S+)").matcher(dockerfile);

        assertThat(copy.find()).isTrue();
        assertThat(copy.group(1)).isEqualTo("sqs-extended-chain.jar");
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]");
    }

    @Test
    void theImageRunsAsANonRootUserOnAJava17Runtime() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        assertThat(dockerfile).containsPattern("(?m)^ARG BASE_IMAGE=eclipse-temurin:17-jre$")
                .containsPattern("(?m)^FROM \\$\\{BASE_IMAGE}$");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001$");
    }

    @Test
    void theHealthCheckProbesTheReadinessOfTheManagementPortTheEnvironmentNamesOrTheDefaultOne() throws IOException {
        Properties properties = appProperties();

        assertThat(Files.readString(DOCKERFILE))
                .contains("http://localhost:${CAMEL_MANAGEMENT_PORT:-" + properties.getProperty("camel.management.port")
                + "}" + properties.getProperty("camel.management.health-path", "/observe/health") + "/ready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheAppInAwsModeAgainstAPinnedLocalStackWithTheTemplateDeployedFirst() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsKeys("localstack", "deploy-stack", "chain");
        assertThat((String) services.get("localstack").get("image")).matches("localstack/localstack:\\d+(\\.\\d+)+");
        Map<String, Object> chain = services.get("chain");
        Map<String, String> environment = (Map<String, String>) chain.get("environment");
        assertThat(environment).containsEntry("CHAIN_MODE", "aws")
                .containsEntry("CHAIN_AWS_ENDPOINT_OVERRIDE", "http://localstack:4566")
                .containsKeys("CHAIN_BUCKET", "CHAIN_QUEUE", "CHAIN_DEAD_LETTER_QUEUE", "CHAIN_AUTH_PRODUCER_TOKENS",
                        "CHAIN_AUTH_CONSUMER_TOKENS");
        assertThat(environment.get("CHAIN_AUTH_PRODUCER_TOKENS")).doesNotContain("dev-");
        assertThat(((Map<String, Map<String, String>>) chain.get("depends_on")).get("deploy-stack"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat((String) services.get("deploy-stack").get("command"))
                .contains("--template-file /infra/sqs-extended-chain.yaml");
        assertThat((List<String>) services.get("deploy-stack").get("volumes"))
                .contains("../infra/cloudformation:/infra:ro");
        assertThat(Path.of("docker").resolve("../infra/cloudformation/sqs-extended-chain.yaml")).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeAwsModeNamesLocalStackInPresignedUrlsAsTheHostReachesIt() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
        Map<String, Object> chain = ((Map<String, Map<String, Object>>) compose.get("services")).get("chain");
        Map<String, String> environment = (Map<String, String>) chain.get("environment");
        List<String> localstackPorts = (List<String>) ((Map<String, Map<String, Object>>) compose.get("services"))
                .get("localstack").get("ports");

        assertThat(environment).containsEntry("CHAIN_AWS_S3_PUBLIC_ENDPOINT", "http://localhost:4566");
        assertThat(localstackPorts).contains("127.0.0.1:4566:4566");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeLocalModeAdvertisesTheApiAndS3AtThePortsItPublishesOnTheHost() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
        Map<String, Object> local = ((Map<String, Map<String, Object>>) compose.get("services")).get("chain-local");
        Map<String, String> environment = (Map<String, String>) local.get("environment");
        List<String> ports = (List<String>) local.get("ports");

        assertThat(environment).doesNotContainKey("CHAIN_MODE")
                .containsEntry("CHAIN_PUBLIC_URL", "http://localhost:${HOST_API_PORT:-8080}")
                .containsEntry("CHAIN_LOCAL_PUBLIC_ENDPOINT", "http://localhost:${HOST_S3_PORT:-9000}");
        assertThat(ports).contains("127.0.0.1:${HOST_API_PORT:-8080}:8080", "127.0.0.1:${HOST_S3_PORT:-9000}:9000",
                "127.0.0.1:${HOST_SQS_PORT:-9324}:9324");
        assertThat(Files.readString(DOCKERFILE)).contains("CHAIN_LOCAL_BIND_ADDRESS=0.0.0.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeGivesEveryAppServiceLongerToStopThanCamelsGracefulShutdown() throws IOException {
        Properties properties = appProperties();
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        for (String app : List.of("chain", "chain-local")) {
            String grace = (String) services.get(app).get("stop_grace_period");
            assertThat(grace).as(app).matches("\\d+s");
            assertThat(Integer.parseInt(grace.replace("s", ""))).as(app)
                    .isGreaterThan(Integer.parseInt(properties.getProperty("camel.main.shutdown-timeout")));
        }
    }

    private static Properties appProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
