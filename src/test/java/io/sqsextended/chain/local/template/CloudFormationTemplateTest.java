package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sqsextended.chain.Application;
import io.sqsextended.chain.config.SettingsBinder;
import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.CorsRule;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.Redrive;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.TemplateException;
import io.sqsextended.chain.local.template.eval.StackContext;

/** The project's own template, provisioned the way local mode does it. */
class CloudFormationTemplateTest {

    static final Path TEMPLATE = Path.of("infra/cloudformation/sqs-extended-chain.yaml");
    static final StackContext STACK = StackContext.of("sqs-extended-chain", "000000000000", "us-east-1");
    private static final Map<String, String> SERVICE = Map.of("DeployService", "true",
            "ImageUri", "000000000000.dkr.ecr.us-east-1.amazonaws.com/sqs-extended-chain:1",
            "Subnets", "subnet-0123456789abcdef0,subnet-0123456789abcdef1", "SecurityGroups", "sg-0123456789abcdef0",
            "JdbcUrl", "jdbc:postgresql://db:5432/chain", "JdbcUser", "chain",
            "JdbcPasswordSecretArn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:chain-db-AbCdEf",
            "ApiTokensSecretArn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:chain-tokens-AbCdEf");

    private static ProvisionedStack provision(Map<String, String> overrides) {
        return CloudFormationTemplate.load(TEMPLATE).provision(STACK.withParameters(overrides));
    }

    @Test
    void payloadBucketNotifiesObjectCreationsUnderTheInputPrefixToTheNotificationQueue() {
        ProvisionedStack stack = provision(Map.of());

        assertThat(stack.buckets()).containsExactly(
                new BucketSpec("PayloadBucket", "sqs-extended-chain-payloads-000000000000",
                List.of(new QueueNotification("s3:ObjectCreated:*", "sqs-extended-chain-notifications", "input/",
                        ""))));
    }

    @Test
    void payloadBucketHasNoCorsRuleWithoutUploadPageOrigins() {
        assertThat(provision(Map.of()).buckets().get(0).corsRules()).isEmpty();
    }

    @Test
    void uploadPageOriginsMayPutGetAndHeadWithTheUploadsHeadersAndReadTheETag() {
        ProvisionedStack stack = provision(
                Map.of("UploadPageOrigins", "https://upload.example.com, http://localhost:8080"));

        assertThat(stack.buckets().get(0).corsRules())
                .containsExactly(new CorsRule(List.of("https://upload.example.com", "http://localhost:8080"),
                List.of("PUT", "GET", "HEAD"), List.of("content-type", "if-none-match", "x-amz-*"), List.of("ETag"),
                        3000));
    }

    @Test
    void notificationQueueHasTheTemplatesTimeoutsAndRetention() {
        QueueSpec queue = provision(Map.of()).queue("sqs-extended-chain-notifications");

        assertThat(queue.visibilityTimeoutSeconds()).isEqualTo(360);
        assertThat(queue.retentionSeconds()).isEqualTo(1_209_600);
        assertThat(queue.receiveWaitSeconds()).isEqualTo(20);
        assertThat(queue.delaySeconds()).isZero();
        assertThat(queue.maximumMessageSize()).isEqualTo(1_048_576);
    }

    @Test
    void redrivePolicyNamesTheDeadLetterQueueAndItsReceiveCount() {
        QueueSpec queue = provision(Map.of()).queue("sqs-extended-chain-notifications");

        assertThat(queue.redrive()).isEqualTo(new Redrive("sqs-extended-chain-dlq", 5));
    }

    @Test
    void deadLetterQueueComesFirstWithSqsDefaultsWhereTheTemplateIsSilent() {
        ProvisionedStack stack = provision(Map.of());

        assertThat(stack.queues()).extracting(QueueSpec::name)
                .containsExactly("sqs-extended-chain-dlq", "sqs-extended-chain-notifications");
        assertThat(stack.queues().get(0)).isEqualTo(new QueueSpec("DeadLetterQueue", "sqs-extended-chain-dlq",
                30, 0, 0, 1_209_600, 1_048_576, null));
    }

    @Test
    void policiesAreListedAsNotApplicableLocally() {
        assertThat(provision(Map.of()).notApplicable())
                .containsExactlyInAnyOrder("NotificationQueuePolicy", "PayloadBucketPolicy", "ChainPolicy");
    }

    @Test
    void outputsAreEvaluatedWithTheQueueUrlStandIn() {
        assertThat(provision(Map.of()).outputs()).containsExactly(
                Map.entry("BucketName", "sqs-extended-chain-payloads-000000000000"),
                Map.entry("NotificationQueueName", "sqs-extended-chain-notifications"),
                Map.entry("NotificationQueueUrl",
                        "https://sqs.us-east-1.amazonaws.com/000000000000/sqs-extended-chain-notifications"),
                Map.entry("DeadLetterQueueName", "sqs-extended-chain-dlq"),
                Map.entry("DeadLetterQueueUrl",
                        "https://sqs.us-east-1.amazonaws.com/000000000000/sqs-extended-chain-dlq"),
                Map.entry("ChainPolicyArn", "arn:aws:iam::000000000000:policy/sqs-extended-chain-ChainPolicy"));
    }

    @Test
    void stackNameAndAccountNameTheResources() {
        ProvisionedStack stack = CloudFormationTemplate.load(TEMPLATE)
                .provision(StackContext.of("chain-dev", "123456789012", "eu-west-1"));

        assertThat(stack.buckets().get(0).name()).isEqualTo("chain-dev-payloads-123456789012");
        assertThat(stack.queue("chain-dev-notifications").redrive().deadLetterQueueName()).isEqualTo("chain-dev-dlq");
    }

    @Test
    void parameterOverridesChangeReceiveCountAndInputPrefix() {
        ProvisionedStack stack = provision(
                Map.of("MaxReceiveCount", "3", "InputPrefix", "incoming/", "VisibilityTimeout", "900"));

        assertThat(stack.queue("sqs-extended-chain-notifications").redrive().maxReceiveCount()).isEqualTo(3);
        assertThat(stack.queue("sqs-extended-chain-notifications").visibilityTimeoutSeconds()).isEqualTo(900);
        assertThat(stack.buckets().get(0).notifications().get(0).prefix()).isEqualTo("incoming/");
    }

    @Test
    void overrideViolatingAllowedPatternIsRejected() {
        assertThatThrownBy(() -> provision(Map.of("InputPrefix", "incoming")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.InputPrefix")
                .hasMessageContaining("AllowedPattern");
    }

    @Test
    void overrideBelowMinValueIsRejected() {
        assertThatThrownBy(() -> provision(Map.of("MaxReceiveCount", "0")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.MaxReceiveCount")
                .hasMessageContaining("MinValue 1");
    }

    @Test
    void overrideAboveMaxValueIsRejected() {
        assertThatThrownBy(() -> provision(Map.of("MessageRetentionPeriod", "1209601")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.MessageRetentionPeriod")
                .hasMessageContaining("MaxValue 1209600");
    }

    @Test
    void nonNumericOverrideOfANumberParameterIsRejected() {
        assertThatThrownBy(() -> provision(Map.of("VisibilityTimeout", "six minutes")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.VisibilityTimeout")
                .hasMessageContaining("not a number");
    }

    @Test
    void overrideOfAnUndeclaredParameterIsRejected() {
        assertThatThrownBy(() -> provision(Map.of("MaxRecieveCount", "3")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("MaxRecieveCount")
                .hasMessageContaining("does not declare");
    }

    @Test
    void notificationMatchesObjectCreationsUnderThePrefixOnly() {
        QueueNotification notification = provision(Map.of()).buckets().get(0).notifications().get(0);

        assertThat(notification.matches("ObjectCreated:Put", "input/a.json")).isTrue();
        assertThat(notification.matches("ObjectCreated:CompleteMultipartUpload", "input/big.bin")).isTrue();
        assertThat(notification.matches("ObjectCreated:Put", "offload/a.json")).isFalse();
        assertThat(notification.matches("ObjectRemoved:Delete", "input/a.json")).isFalse();
    }

    @Test
    void withDefaultParametersNoneOfTheServiceResourcesIsProvisioned() {
        Map<String, Object> document = CloudFormationTemplate.load(TEMPLATE).document();
        Map<String, Object> resources = Nodes.section(document, "Resources");
        List<String> unconditional = resources.keySet().stream()
                .filter(id -> !Nodes.map(resources.get(id), id).containsKey("Condition")).toList();
        ProvisionedStack stack = provision(Map.of());

        assertThat(unconditional).containsExactlyInAnyOrder("DeadLetterQueue", "NotificationQueue",
                "NotificationQueuePolicy",
                "PayloadBucket", "PayloadBucketPolicy", "ChainPolicy");
        assertThat(stack.notApplicable())
                .containsExactlyInAnyOrder("NotificationQueuePolicy", "PayloadBucketPolicy", "ChainPolicy");
        assertThat(stack.outputs()).doesNotContainKeys("ServiceClusterName", "ServiceName", "ServiceLogGroupName");
    }

    @Test
    void deployingTheServiceWithoutItsParametersIsRefusedByTheRules() {
        assertThatThrownBy(() -> provision(Map.of("DeployService", "true")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Rules.ServiceParameters")
                .hasMessageContaining("ImageUri");
    }

    @Test
    void deployingTheServiceWithoutSubnetsIsRefusedByTheRules() {
        Map<String, String> noSubnets = new HashMap<>(SERVICE);
        noSubnets.put("Subnets", "");

        assertThatThrownBy(() -> provision(noSubnets))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Rules.ServiceParameters")
                .hasMessageContaining("Subnets");
    }

    @Test
    void withEveryServiceParameterTheRulesPassAndLocalModeRefusesTheEcsResources() {
        assertThatThrownBy(() -> provision(SERVICE))
                .isInstanceOf(TemplateException.class)
                .hasMessageNotContaining("Rules.")
                .hasMessageContaining("AWS::ECS::")
                .hasMessageContaining("not supported in local mode");
    }

    @Test
    void everyChainVariableOfTheServiceContainerIsADocumentedChainKey() {
        Map<String, Object> resources = Nodes.section(CloudFormationTemplate.load(TEMPLATE).document(), "Resources");
        Map<String, Object> taskDefinition = Nodes.map(Nodes.map(resources.get("ServiceTaskDefinition"), "task")
                .get("Properties"), "task");
        Map<String, Object> container = Nodes.map(Nodes.list(taskDefinition.get("ContainerDefinitions"), "containers")
                .get(0), "container");
        List<Object> variables = new ArrayList<>(Nodes.list(container.get("Environment"), "Environment"));
        variables.addAll(Nodes.list(container.get("Secrets"), "Secrets"));
        // ReadmeConfigurationTableTest holds the README's table to exactly these keys
        List<String> documented = SettingsBinder.declared(Application.SETTINGS).stream()
                .map(key -> key.name().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')).toList();

        // the others are Camel's (CAMEL_SERVER_HOST: the image's hosts, set explicitly)
        List<Object> chainVariables = variables.stream().map(variable -> Nodes.map(variable, "variable").get("Name"))
                .filter(name -> !String.valueOf(name).startsWith("CAMEL_")).toList();

        assertThat(chainVariables).isSubsetOf(documented)
                .contains("CHAIN_MODE", "CHAIN_BUCKET", "CHAIN_QUEUE", "CHAIN_DEAD_LETTER_QUEUE",
                        "CHAIN_CONSUMER_IDEMPOTENCY_STORE",
                        "CHAIN_CONSUMER_IDEMPOTENCY_JDBC_URL", "CHAIN_CONSUMER_IDEMPOTENCY_JDBC_USER",
                                "CHAIN_CONSUMER_IDEMPOTENCY_JDBC_PASSWORD");
    }
}
