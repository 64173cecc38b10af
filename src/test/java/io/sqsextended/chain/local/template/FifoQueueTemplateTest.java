package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.Redrive;
import io.sqsextended.chain.local.template.eval.Evaluator;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.StackContext;
import io.sqsextended.chain.local.template.eval.TemplateException;
import org.junit.jupiter.api.Test;

/** The template's optional FIFO queue (parameter {@code FifoQueueName}) and FIFO queues in local mode's templates. */
class FifoQueueTemplateTest {

    static final String NAME = "orders.fifo";
    private static final Map<String, String> FIFO = Map.of("FifoQueueName", NAME);
    private static final String QUEUES = "https://sqs.us-east-1.amazonaws.com/000000000000/";
    private static final String ARNS = "arn:aws:sqs:us-east-1:000000000000:";

    private static ProvisionedStack provision(Map<String, String> overrides) {
        return CloudFormationTemplate.load(CloudFormationTemplateTest.TEMPLATE)
                .provision(CloudFormationTemplateTest.STACK.withParameters(overrides));
    }

    private static ProvisionedStack provisionYaml(String yaml) {
        return CloudFormationTemplate.parse(yaml).provision(StackContext.of("demo", "111122223333", "us-east-1"));
    }

    @Test
    void theDefaultStackHasNoFifoQueueAndNoFifoOutput() {
        ProvisionedStack stack = provision(Map.of());

        assertThat(stack.queues()).extracting(QueueSpec::name)
                .containsExactly("sqs-extended-chain-dlq", "sqs-extended-chain-notifications");
        assertThat(stack.queues()).noneMatch(QueueSpec::fifo);
        assertThat(stack.outputs().keySet()).noneMatch(output -> output.startsWith("Fifo"));
    }

    @Test
    void aFifoQueueNameProvisionsAFifoQueueWithTheNotificationQueuesTimeouts() {
        QueueSpec queue = provision(FIFO).queue(NAME);

        assertThat(queue.fifo()).isTrue();
        assertThat(queue.visibilityTimeoutSeconds()).isEqualTo(360);
        assertThat(queue.retentionSeconds()).isEqualTo(1_209_600);
        assertThat(queue.receiveWaitSeconds()).isEqualTo(20);
    }

    @Test
    void theFifoQueueRedrivesToItsFifoDeadLetterQueueAfterFiveReceives() {
        ProvisionedStack stack = provision(FIFO);
        QueueSpec deadLetters = stack.queue("orders-dlq.fifo");

        assertThat(stack.queue(NAME).redrive()).isEqualTo(new Redrive("orders-dlq.fifo", 5));
        assertThat(deadLetters.fifo()).isTrue();
        assertThat(deadLetters.contentBasedDeduplication()).isFalse();
        assertThat(deadLetters.retentionSeconds()).isEqualTo(1_209_600);
        assertThat(stack.queues()).extracting(QueueSpec::name).containsSubsequence("orders-dlq.fifo", NAME);
    }

    @Test
    void contentBasedDeduplicationIsOffUnlessItsParameterTurnsItOn() {
        assertThat(provision(FIFO).queue(NAME).contentBasedDeduplication()).isFalse();
        assertThat(provision(Map.of("FifoQueueName", NAME, "FifoContentBasedDeduplication", "true")).queue(NAME)
                .contentBasedDeduplication()).isTrue();
    }

    @Test
    void theOutputsNameTheFifoQueuesUrlsAndArns() {
        assertThat(provision(FIFO).outputs())
                .containsEntry("FifoQueueUrl", QUEUES + NAME)
                .containsEntry("FifoQueueArn", ARNS + NAME)
                .containsEntry("FifoDeadLetterQueueName", "orders-dlq.fifo")
                .containsEntry("FifoDeadLetterQueueUrl", QUEUES + "orders-dlq.fifo")
                .containsEntry("FifoDeadLetterQueueArn", ARNS + "orders-dlq.fifo");
    }

    @Test
    void theBucketStillNotifiesTheNotificationQueueAlone() {
        assertThat(provision(FIFO).buckets().get(0).notifications()).extracting(QueueNotification::queueName)
                .containsExactly("sqs-extended-chain-notifications");
    }

    @Test
    void theServiceConsumesTheFifoQueueBesideTheNotificationQueue() {
        assertThat(serviceVariable(FIFO, ConsumerSettings.QUEUES.name()))
                .isEqualTo("sqs-extended-chain-notifications," + NAME);
    }

    @Test
    void withoutAFifoQueueTheServiceConsumesTheNotificationQueueAlone() {
        assertThat(serviceVariable(Map.of(), ConsumerSettings.QUEUES.name()))
                .isEqualTo("sqs-extended-chain-notifications");
    }

    @Test
    void aFifoQueueNameWithoutTheFifoSuffixIsRefused() {
        assertThatThrownBy(() -> provision(Map.of("FifoQueueName", "orders")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.FifoQueueName").hasMessageContaining("AllowedPattern");
    }

    @Test
    void aFifoQueueNameTooLongForItsDeadLetterQueuesNameIsRefused() {
        // 72 + "-dlq.fifo" would be 81 characters, one more than SQS allows
        assertThatThrownBy(() -> provision(Map.of("FifoQueueName", "a".repeat(72) + ".fifo")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Parameters.FifoQueueName");
    }

    @Test
    void aFifoQueueNoBucketNotifiesIsProvisioned() {
        ProvisionedStack stack = provisionYaml("""
                Resources:
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: ordered.fifo
                      FifoQueue: true
                      ContentBasedDeduplication: true
                """);

        assertThat(stack.queue("ordered.fifo").fifo()).isTrue();
        assertThat(stack.queue("ordered.fifo").contentBasedDeduplication()).isTrue();
    }

    @Test
    void aFifoQueueWhoseNameLacksTheFifoSuffixIsRefused() {
        assertThatThrownBy(() -> provisionYaml("""
                Resources:
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: ordered
                      FifoQueue: true
                """)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Ordered.Properties.QueueName").hasMessageContaining(".fifo");
    }

    @Test
    void aStandardQueueNamedLikeAFifoQueueIsRefused() {
        assertThatThrownBy(() -> provisionYaml("""
                Resources:
                  Plain:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: plain.fifo
                """)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Plain.Properties.QueueName");
    }

    @Test
    void contentBasedDeduplicationOnAStandardQueueIsRefused() {
        assertThatThrownBy(() -> provisionYaml("""
                Resources:
                  Plain:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: plain
                      ContentBasedDeduplication: true
                """)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Plain.Properties.ContentBasedDeduplication");
    }

    @Test
    void aFifoQueueRedrivingToAStandardQueueIsRefused() {
        assertThatThrownBy(() -> provisionYaml("""
                Resources:
                  Plain:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: plain
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: ordered.fifo
                      FifoQueue: true
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Plain.Arn
                        maxReceiveCount: 5
                """)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Ordered.Properties.RedrivePolicy").hasMessageContaining("FIFO");
    }

    @Test
    void aStandardQueueRedrivingToAFifoQueueIsRefused() {
        assertThatThrownBy(() -> provisionYaml("""
                Resources:
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: ordered.fifo
                      FifoQueue: true
                  Plain:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: plain
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Ordered.Arn
                        maxReceiveCount: 5
                """)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.Plain.Properties.RedrivePolicy").hasMessageContaining("FIFO");
    }

    /** The value of the service container's variable for {@code key}, evaluated with these parameters. */
    private static Object serviceVariable(Map<String, String> overrides, String key) {
        Map<String, Object> template = CloudFormationTemplate.load(CloudFormationTemplateTest.TEMPLATE).document();
        Map<String, Object> task = Nodes.map(Nodes.section(template, "Resources").get("ServiceTaskDefinition"), "task");
        Map<String, Object> container = Nodes.map(Nodes.list(Nodes.map(task.get("Properties"), "task")
                .get("ContainerDefinitions"), "containers").get(0), "container");
        // named as config.EnvironmentKeys reads it: upper case, an underscore for every other character
        String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        Object value = Nodes.list(container.get("Environment"), "Environment").stream()
                .map(entry -> Nodes.map(entry, "variable")).filter(entry -> variable.equals(entry.get("Name")))
                .findFirst().orElseThrow(() -> new AssertionError("The service sets no " + variable)).get("Value");
        return new Evaluator(template, CloudFormationTemplateTest.STACK.withParameters(overrides)).intrinsics()
                .eval(value, variable);
    }
}
