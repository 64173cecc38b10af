package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sqsextended.chain.local.template.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes Deployment and the template's ECS task run the image the docker tests run, as that image runs: its
 * entrypoint, its user, its ports and the health endpoints of
 * its HEALTHCHECK. Offline: the files are read, nothing runs.
 */
class DeployedImageTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes/manifests");
    private static final Pattern HEALTHCHECK = Pattern.compile(
            "http://localhost:\\$\\{CAMEL_MANAGEMENT_PORT:-(\\d+)}(/\\S+)/ready");

    private final String dockerfile = read(Path.of("docker/Dockerfile"));
    private final Container pod = kubernetes(Deployment.class, "deployment.yaml").getSpec().getTemplate().getSpec()
            .getContainers().get(0);
    private final Map<String, Object> task = ecsContainer();

    @Test
    void bothRunTheImagesEntrypoint() {
        assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-jar\", \"\\S+\\.jar\"]$");

        assertThat(pod.getCommand()).isEmpty();
        assertThat(pod.getArgs()).isEmpty();
        assertThat(task).doesNotContainKeys("EntryPoint", "Command");
    }

    @Test
    void bothRunAsTheImagesUser() {
        String user = instruction("USER");

        assertThat(kubernetes(Deployment.class, "deployment.yaml").getSpec().getTemplate().getSpec()
                .getSecurityContext().getRunAsUser())
                .hasToString(user);
        assertThat(task.getOrDefault("User", user)).isEqualTo(user);
    }

    @Test
    void bothOpenTheApiAndManagementPortsTheImageExposes() {
        Set<Integer> exposed = Pattern.compile("\\s+").splitAsStream(instruction("EXPOSE")).map(Integer::valueOf)
                .collect(Collectors.toSet());
        Map<String, Integer> podPorts = pod.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        Map<String, Integer> taskPorts = new LinkedHashMap<>();
        list(task.get("PortMappings")).forEach(mapping
                -> taskPorts.put((String) map(mapping).get("Name"), (Integer) map(mapping).get("ContainerPort")));

        assertThat(podPorts).isEqualTo(taskPorts).containsEntry("management", healthCheckPort())
                .containsOnlyKeys("api", "management");
        assertThat(exposed).containsAll(podPorts.values());
    }

    @Test
    void bothProbeTheHealthEndpointsTheImagesHealthCheckProbes() {
        String health = healthCheck().group(2);

        assertThat(List.of(pod.getStartupProbe(), pod.getLivenessProbe(), pod.getReadinessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPath())
                        .isIn(health + "/live", health + "/ready"));
        assertThat(list(map(task.get("HealthCheck")).get("Command")).stream().map(String::valueOf)
                .collect(Collectors.joining(" ")))
                .containsPattern("http://localhost:" + healthCheckPort() + Pattern.quote(health) + "/(live|ready)");
    }

    @Test
    void bothListenOnAllAddressesAsTheImageSaysExplicitly() {
        Map<String, String> image = new LinkedHashMap<>();
        for (String name : List.of("CAMEL_SERVER_HOST", "CAMEL_MANAGEMENT_HOST")) {
            Matcher value = Pattern.compile("\\b" + name + "=(\\S+)").matcher(dockerfile);
            assertThat(value.find()).as(name + " in the image").isTrue();
            image.put(name, value.group(1));
        }
        Map<String, Object> taskEnvironment = new LinkedHashMap<>();
        list(task.get("Environment")).forEach(variable
                -> taskEnvironment.put((String) map(variable).get("Name"), map(variable).get("Value")));

        assertThat(image).containsValues("0.0.0.0");
        assertThat(kubernetes(ConfigMap.class, "configmap.yaml").getData()).containsAllEntriesOf(image);
        assertThat(taskEnvironment).containsAllEntriesOf(image);
    }

    private int healthCheckPort() {
        return Integer.parseInt(healthCheck().group(1));
    }

    private Matcher healthCheck() {
        Matcher matcher = HEALTHCHECK.matcher(dockerfile);
        assertThat(matcher.find()).as("the HEALTHCHECK's URL").isTrue();
        return matcher;
    }

    private String instruction(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " (.+)$").matcher(dockerfile);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1).strip();
    }

    private static <T> T kubernetes(Class<T> kind, String file) {
        try (InputStream in = Files.newInputStream(MANIFESTS.resolve(file))) {
            return kind.cast(new KubernetesSerialization().unmarshal(in));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> ecsContainer() {
        Map<String, Object> resources = map(
                CloudFormationTemplate.load(Path.of("infra/cloudformation/sqs-extended-chain.yaml")).document()
                .get("Resources"));
        Map<String, Object> properties = map(map(resources.get("ServiceTaskDefinition")).get("Properties"));
        return map(list(properties.get("ContainerDefinitions")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static List<Object> list(Object node) {
        return new ArrayList<>((List<?>) node);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
