package io.sqsextended.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.EnabledService;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template deployed to LocalStack and the app in aws mode against it: an upload reaches the downstream.
 * Needs a Docker engine that has LocalStack's image (and Testcontainers' own): run with {@code mvn verify -Pdocker}
 * (skipped without them: where no registry is reachable, the image cannot be pulled).
 */
@Tag("docker")
@EnabledIf(value = "localStackImagePresent",
        disabledReason = "LocalStackEndToEndTest skipped: no Docker engine with image " + LocalStackEndToEndTest.IMAGE)
@Testcontainers(disabledWithoutDocker = true)
class LocalStackEndToEndTest {

    // pinned: LocalStack images from 2026 on need LOCALSTACK_AUTH_TOKEN
    static final String IMAGE = "localstack/localstack:4.4";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse(IMAGE))
            .withServices(EnabledService.named("s3"), EnabledService.named("sqs"),
                    EnabledService.named("cloudformation"),
                    EnabledService.named("iam"), EnabledService.named("sts"))
            .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().startInTest();

    @Test
    void anUploadToTheDeployedStackReachesTheDownstreamRoute() throws Exception {
        Map<String, String> outputs = deployTemplate();
        Map<String, String> properties = new HashMap<>(Map.of(
                ChainKeys.MODE.name(), "aws",
                ChainKeys.REGION.name(), LOCALSTACK.getRegion(),
                ChainKeys.AWS_ENDPOINT.name(), LOCALSTACK.getEndpoint().toString(),
                ChainKeys.AWS_ACCESS_KEY.name(), LOCALSTACK.getAccessKey(),
                ChainKeys.AWS_SECRET_KEY.name(), LOCALSTACK.getSecretKey(),
                ChainKeys.BUCKET.name(), outputs.get("BucketName"),
                ChainKeys.QUEUE.name(), outputs.get("NotificationQueueName"),
                ChainKeys.DEAD_LETTER_QUEUE.name(), outputs.get("DeadLetterQueueName"),
                ConsumerSettings.DOWNSTREAM_URI.name(), "seda:delivered",
                AuthSettings.ENABLED.name(), "false"));
        String key = "input/" + UUID.randomUUID() + "/hello world.txt";

        chain.properties(properties).start();
        chain.s3().putObject(r -> r.bucket(outputs.get("BucketName")).key(key),
                RequestBody.fromString("through LocalStack"));

        Exchange delivered = chain.context().createConsumerTemplate().receive("seda:delivered", 60_000);

        assertThat(delivered).isNotNull();
        assertThat(delivered.getMessage().getHeader("PayloadKey")).isEqualTo(key);
        assertThat(delivered.getMessage().getBody(String.class)).isEqualTo("through LocalStack");
    }

    static boolean localStackImagePresent() throws InterruptedException {
        try {
            Process inspect = new ProcessBuilder("docker", "image", "inspect", IMAGE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return inspect.waitFor(60, TimeUnit.SECONDS) && inspect.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> deployTemplate() throws Exception {
        String template = Files.readString(Path.of("infra/cloudformation/sqs-extended-chain.yaml"),
                StandardCharsets.UTF_8);
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .build()) {
            cloudFormation.createStack(r -> r.stackName("sqs-extended-chain").templateBody(template)
                    .capabilities(Capability.CAPABILITY_IAM));
            cloudFormation.waiter().waitUntilStackCreateComplete(r -> r.stackName("sqs-extended-chain"));
            return cloudFormation.describeStacks(r -> r.stackName("sqs-extended-chain")).stacks().get(0).outputs()
                    .stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        }
    }
}
