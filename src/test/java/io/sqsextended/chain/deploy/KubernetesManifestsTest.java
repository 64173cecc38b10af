package io.sqsextended.chain.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests under deploy/kubernetes wired to each other and to what the app serves and reads, checked offline. */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final Path MANIFESTS = DIR.resolve("manifests");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static List<HasMetadata> resources;
    private static Properties app;

    @BeforeAll
    static void load() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        resources = new ArrayList<>();
        for (String file : kustomizationResources()) {
            try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
                resources.add(serialization.unmarshal(in));
            }
        }
        app = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            app.load(reader);
        }
    }

    @Test
    void kustomizeAppliesEveryManifestOfTheFolderSoThatApplyingTheFolderDoesTheSame() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            assertThat(files.map(file -> DIR.relativize(file).toString()))
                    .containsExactlyInAnyOrderElementsOf(kustomizationResources());
        }
    }

    /**
     * fabric8 keeps a field it does not know (a typo, a field of another version) aside, where the API server rejects
     * it.
     */
    @Test
    void everyFieldOfTheKubernetesResourcesIsOneTheirApiKnows() {
        List<String> unknown = new ArrayList<>();
        resources.stream().filter(resource -> !(resource instanceof GenericKubernetesResource))
                .forEach(resource -> collectUnknownFields(resource, resource.getKind(), unknown));

        assertThat(unknown).isEmpty();
    }

    @Test
    void probesAskAContainerPortThatIsTheManagementPort() {
        Container chain = container();
        for (Probe probe : probes(chain)) {
            assertThat(containerPort(chain, probe.getHttpGet().getPort()))
                    .as("probe port " + probe.getHttpGet().getPort())
                    .isEqualTo(Integer.parseInt(app.getProperty("camel.management.port")));
        }
    }

    @Test
    void probesAskTheHealthPathsTheAppServes() {
        String health = app.getProperty("camel.management.health-path", "/observe/health");
        Container chain = container();

        assertThat(chain.getStartupProbe().getHttpGet().getPath()).isEqualTo(health + "/live");
        assertThat(chain.getLivenessProbe().getHttpGet().getPath()).isEqualTo(health + "/live");
        assertThat(chain.getReadinessProbe().getHttpGet().getPath()).isEqualTo(health + "/ready");
    }

    @Test
    void everyChainVariableIsTheVariableOfAKeyInTheReadmesConfigurationTable() throws IOException {
        Set<String> documented = readmeKeys().stream().map(KubernetesManifestsTest::variableOf)
                .collect(Collectors.toSet());
        List<String> variables = new ArrayList<>(container().getEnv().stream().map(EnvVar::getName).toList());
        variables.addAll(one(ConfigMap.class).getData().keySet());

        assertThat(variables.stream().filter(name -> name.startsWith("CHAIN_"))).isNotEmpty()
                .allMatch(documented::contains);
    }

    @Test
    void everySecretAndConfigMapReferenceNamesAKeyTheyHold() {
        Map<String, Set<String>> secretKeys = keysByName(Secret.class);
        Map<String, Set<String>> configMapKeys = keysByName(ConfigMap.class);
        for (EnvVar variable : container().getEnv()) {
            if (variable.getValueFrom() == null) {
                continue;
            }
            var secret = variable.getValueFrom().getSecretKeyRef();
            var configMap = variable.getValueFrom().getConfigMapKeyRef();
            if (secret != null) {
                assertThat(secretKeys.getOrDefault(secret.getName(), Set.of())).as(variable.getName())
                        .contains(secret.getKey());
            }
            if (configMap != null) {
                assertThat(configMapKeys.getOrDefault(configMap.getName(), Set.of())).as(variable.getName())
                        .contains(configMap.getKey());
            }
        }
        for (EnvFromSource source : container().getEnvFrom()) {
            if (source.getSecretRef() != null) {
                assertThat(secretKeys).containsKey(source.getSecretRef().getName());
            }
            if (source.getConfigMapRef() != null) {
                assertThat(configMapKeys).containsKey(source.getConfigMapRef().getName());
            }
        }
    }

    @Test
    void theScaledObjectScalesTheDeploymentWithTheTriggerAuthentication() {
        GenericKubernetesResource scaledObject = keda("ScaledObject");

        assertThat((String) scaledObject.get("spec", "scaleTargetRef", "kind")).isIn(null, "Deployment");
        assertThat((String) scaledObject.get("spec", "scaleTargetRef", "name"))
                .isEqualTo(one(Deployment.class).getMetadata().getName());
        assertThat((String) scaledObject.get("spec", "triggers", 0, "authenticationRef", "name"))
                .isEqualTo(keda("TriggerAuthentication").getMetadata().getName());
    }

    @Test
    void theScaledObjectWatchesTheQueueTheAppConsumes() {
        GenericKubernetesResource scaledObject = keda("ScaledObject");
        Map<String, String> settings = one(ConfigMap.class).getData();

        assertThat((String) scaledObject.get("spec", "triggers", 0, "type")).isEqualTo("aws-sqs-queue");
        assertThat((String) scaledObject.get("spec", "triggers", 0, "metadata", "queueURL"))
                .matches("https://sqs\\." + Pattern.quote(settings.get("CHAIN_REGION")) + "\\.amazonaws\\.com/\\d{12}/"
                        + Pattern.quote(settings.get("CHAIN_QUEUE")));
        assertThat((String) scaledObject.get("spec", "triggers", 0, "metadata", "awsRegion"))
                .isEqualTo(settings.get("CHAIN_REGION"));
    }

    @Test
    void theGracePeriodOutlastsThePreStopPauseAndCamelsShutdownTimeout() {
        PodSpec pod = one(Deployment.class).getSpec().getTemplate().getSpec();
        List<String> preStop = container().getLifecycle().getPreStop().getExec().getCommand();

        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        assertThat(pod.getTerminationGracePeriodSeconds())
                .isGreaterThan(Long.parseLong(preStop.get(1))
                        + Long.parseLong(app.getProperty("camel.main.shutdown-timeout")));
    }

    @Test
    void theServiceForwardsToTheApiPort() {
        Service service = one(Service.class);

        assertThat(service.getSpec().getSelector())
                .isEqualTo(one(Deployment.class).getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(containerPort(container(), port.getTargetPort()))
                .isEqualTo(Integer.parseInt(app.getProperty("camel.server.port"))));
    }

    @Test
    void theDeploymentRunsAsTheServiceAccountOfTheManifests() {
        assertThat(one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void aReadOnlyRootFilesystemLeavesTheTempDirWritable() {
        Container chain = container();
        Set<String> emptyDirs = one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getEmptyDir() != null).map(Volume::getName).collect(Collectors.toSet());

        assertThat(chain.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(chain.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(emptyDirs).contains(mount.getName());
        });
    }

    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
        } else if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
        } else if (node != null && node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : node.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && getter.getName().startsWith("get") && getter.getDeclaringClass()
                        != Object.class) {
                    Object value = invoke(getter, node);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        ((Map<?, ?>) value).keySet().forEach(field -> unknown.add(path + "." + field));
                    } else {
                        collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
                    }
                }
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " of " + target.getClass(), e);
        }
    }

    private static List<String> kustomizationResources() throws IOException {
        Map<?, ?> kustomization = (Map<?, ?>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(DIR.resolve("kustomization.yaml")));
        return ((List<?>) kustomization.get("resources")).stream().map(String::valueOf).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = resources.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static GenericKubernetesResource keda(String kind) {
        List<GenericKubernetesResource> found = resources.stream()
                .filter(r -> r instanceof GenericKubernetesResource && r.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(found).as(kind).singleElement()
                .satisfies(r -> assertThat(r.getApiVersion()).isEqualTo("keda.sh/v1alpha1"));
        return found.get(0);
    }

    private static Container container() {
        return one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<Probe> probes(Container container) {
        List<Probe> probes = Stream.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe()).toList();
        assertThat(probes).doesNotContainNull();
        return probes;
    }

    /** The number a port of the container names, by number or by name; null when it declares none such. */
    private static Integer containerPort(Container container, IntOrString port) {
        return container.getPorts().stream().filter(declared -> port.getIntVal() != null
                        ? port.getIntVal().equals(declared.getContainerPort()) : port.getStrVal()
                                .equals(declared.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static <T extends HasMetadata> Map<String, Set<String>> keysByName(Class<T> kind) {
        return resources.stream().filter(kind::isInstance)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> {
            if (r instanceof Secret secret) {
                return Stream.of(secret.getData(), secret.getStringData()).filter(data -> data != null)
                        .flatMap(data -> data.keySet().stream()).collect(Collectors.toSet());
            }
            return ((ConfigMap) r).getData().keySet();
        }));
    }

    /** The environment variable of a key, as Camel looks it up: upper case, '.' and '-' as '_'. */
    private static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Keys of the README's configuration table; a row may name several ({@code `a` / `b`} or {@code `a.x` / `.y`}). */
    private static List<String> readmeKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (!line.startsWith("| `chain.")) {
                continue;
            }
            Matcher names = CODE.matcher(line.split(" \\| ")[0]);
            String first = null;
            while (names.find()) {
                String name = names.group(1);
                first = first == null ? name : first;
                keys.add(name.startsWith(".") ? first.substring(0, first.lastIndexOf('.')) + name : name);
            }
        }
        return keys;
    }
}
