package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security properties of the deployed template, asserted on its parsed (unevaluated) form. */
class TemplateSecurityTest {

    private static Map<String, Object> resources;
    private static Map<String, Object> parameters;

    @BeforeAll
    static void parseTemplate() {
        Map<String, Object> document = CloudFormationTemplate.load(CloudFormationTemplateTest.TEMPLATE).document();
        resources = map(document.get("Resources"));
        parameters = map(document.get("Parameters"));
    }

    @Test
    void bucketEncryptsObjectsAtRest() {
        Object algorithm = at(resource("PayloadBucket"), "Properties", "BucketEncryption",
                "ServerSideEncryptionConfiguration", 0,
                "ServerSideEncryptionByDefault", "SSEAlgorithm");

        assertThat(algorithm).isIn("AES256", "aws:kms", "aws:kms:dsse");
    }

    @Test
    void bucketBlocksEveryFormOfPublicAccess() {
        assertThat(map(at(resource("PayloadBucket"), "Properties", "PublicAccessBlockConfiguration")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets",
                        true));
    }

    @Test
    void bucketPolicyDeniesRequestsWithoutTls() {
        Map<String, Object> policy = onlyResourceOfType("AWS::S3::BucketPolicy");
        assertThat(at(policy, "Properties", "Bucket")).isEqualTo(Map.of("Ref", "PayloadBucket"));

        assertThat(statements(policy)).anySatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
            assertThat(String.valueOf(at(statement, "Condition", "Bool", "aws:SecureTransport"))).isEqualTo("false");
            assertThat(list(statement.get("Resource"))).contains(Map.of("Fn::GetAtt", List.of("PayloadBucket", "Arn")),
                    Map.of("Fn::Sub", "${PayloadBucket.Arn}/*"));
        });
    }

    @Test
    void lifecycleAbortsIncompleteMultipartUploads() {
        assertThat(lifecycleRules()).anySatisfy(rule -> {
            assertThat(rule).containsEntry("Status", "Enabled").doesNotContainKeys("Prefix", "Filter");
            assertThat(at(rule, "AbortIncompleteMultipartUpload", "DaysAfterInitiation")).isNotNull();
        });
    }

    @Test
    void lifecycleExpiresOffloadedPayloads() {
        assertThat(lifecycleRules()).anySatisfy(rule -> {
            assertThat(rule).containsEntry("Status", "Enabled").containsEntry("Prefix", Map.of("Ref", "OffloadPrefix"));
            assertThat(rule.get("ExpirationInDays")).isNotNull();
        });
    }

    @Test
    void notificationQueueKeepsMessagesFourteenDaysAndHidesThemSixMinutes() {
        Map<String, Object> queue = map(resource("NotificationQueue").get("Properties"));

        assertThat(parameterDefault(queue.get("MessageRetentionPeriod"))).isEqualTo(1_209_600);
        assertThat(parameterDefault(queue.get("VisibilityTimeout"))).isEqualTo(360);
    }

    @Test
    void everyQueueIsEncryptedAtRest() {
        for (String queue : List.of("NotificationQueue", "DeadLetterQueue", "FifoQueue", "FifoDeadLetterQueue")) {
            Map<String, Object> properties = map(resource(queue).get("Properties"));
            assertThat(properties.get("SqsManagedSseEnabled") == Boolean.TRUE
                    || properties.containsKey("KmsMasterKeyId"))
                    .as("%s encrypted", queue).isTrue();
        }
    }

    @Test
    void notificationQueueRedrivesToTheDeadLetterQueueAfterFiveReceives() {
        Map<String, Object> redrive = map(at(resource("NotificationQueue"), "Properties", "RedrivePolicy"));

        assertThat(redrive.get("deadLetterTargetArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn")));
        assertThat(parameterDefault(redrive.get("maxReceiveCount"))).isEqualTo(5);
    }

    @Test
    void fifoQueueRedrivesToTheFifoDeadLetterQueueAfterFiveReceivesAndHidesMessagesSixMinutes() {
        Map<String, Object> queue = map(resource("FifoQueue").get("Properties"));
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));

        assertThat(redrive.get("deadLetterTargetArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("FifoDeadLetterQueue", "Arn")));
        assertThat(parameterDefault(redrive.get("maxReceiveCount"))).isEqualTo(5);
        assertThat(parameterDefault(queue.get("VisibilityTimeout"))).isEqualTo(360);
        assertThat(map(at(resource("FifoDeadLetterQueue"), "Properties"))).containsEntry("FifoQueue", true);
        assertThat(parameterDefault(at(resource("FifoDeadLetterQueue"), "Properties", "MessageRetentionPeriod")))
                .isEqualTo(1_209_600);
    }

    @Test
    void fifoQueuesExistOnlyWhenNamed() {
        assertThat(parameterDefault(Map.of("Ref", "FifoQueueName"))).isEqualTo("");
        assertThat(resource("FifoQueue")).containsEntry("Condition", "FifoQueueEnabled");
        assertThat(resource("FifoDeadLetterQueue")).containsEntry("Condition", "FifoQueueEnabled");
    }

    @Test
    void chainPolicyLetsTheConsumerReceiveFromTheFifoQueueAndTheProducerSendToIt() {
        Map<String, Object> consumed = chainPolicyStatement("FifoQueueConsumed");
        Map<String, Object> published = chainPolicyStatement("FifoQueuePublished");

        assertThat(list(consumed.get("Action"))).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        assertThat(list(published.get("Action"))).containsExactly("sqs:SendMessage");
        grantsOnFifoQueueOrNothingMore(consumed, "FifoQueue");
        grantsOnFifoQueueOrNothingMore(published, "FifoQueue");
    }

    @Test
    void chainPolicyLetsTheConsumerOnlySendToTheFifoDeadLetterQueue() {
        Map<String, Object> deadLetters = chainPolicyStatement("FifoDeadLetters");

        assertThat(list(deadLetters.get("Action")))
                .containsExactlyInAnyOrder("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        grantsOnFifoQueueOrNothingMore(deadLetters, "FifoDeadLetterQueue");
    }

    @Test
    void chainPolicyLetsTheRedriveReceiveAndDeleteOnlyOnTheFifoDeadLetterQueue() {
        Map<String, Object> redriven = chainPolicyStatement("FifoDeadLettersRedriven");

        assertThat(list(redriven.get("Action"))).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage");
        grantsOnFifoQueueOrNothingMore(redriven, "FifoDeadLetterQueue");
    }

    @Test
    void queuePolicyLetsOnlyS3SendMessagesForThisBucketAndAccount() {
        Map<String, Object> policy = resource("NotificationQueuePolicy");
        assertThat(list(at(policy, "Properties", "Queues"))).containsExactly(Map.of("Ref", "NotificationQueue"));

        List<Map<String, Object>> allows = statements(policy).stream().filter(s -> "Allow".equals(s.get("Effect")))
                .toList();
        assertThat(allows).singleElement().satisfies(allow -> {
            assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "s3.amazonaws.com"));
            assertThat(list(allow.get("Action"))).containsExactly("sqs:SendMessage");
            assertThat(map(at(allow, "Condition", "ArnEquals"))).containsOnlyKeys("aws:SourceArn");
            assertThat(map(at(allow, "Condition", "StringEquals")))
                    .containsEntry("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"));
        });
    }

    @Test
    void queuePolicySourceArnIsThePayloadBucket() {
        Map<String, Object> allow = statements(resource("NotificationQueuePolicy")).get(0);
        Object sourceArn = at(allow, "Condition", "ArnEquals", "aws:SourceArn");
        Object bucketName = at(resource("PayloadBucket"), "Properties", "BucketName");

        // built from the same expression rather than GetAtt, so that the bucket can depend on the policy
        assertThat(String.valueOf(map(sourceArn).get("Fn::Sub")))
                .isEqualTo("arn:${AWS::Partition}:s3:::" + map(bucketName).get("Fn::Sub"));
    }

    @Test
    void bucketDependsOnTheQueuePolicyWhichDoesNotReferToTheBucket() {
        assertThat(list(resource("PayloadBucket").get("DependsOn"))).contains("NotificationQueuePolicy");

        List<String> references = new ArrayList<>();
        collectReferences(resource("NotificationQueuePolicy"), references);
        assertThat(references).doesNotContain("PayloadBucket");
    }

    @Test
    void managedPolicyGrantsNoWildcardActionOrResource() {
        List<Map<String, Object>> statements = statements(onlyResourceOfType("AWS::IAM::ManagedPolicy"));

        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement).doesNotContainKeys("NotAction", "NotResource");
            assertThat(list(statement.get("Action")))
                    .allSatisfy(action -> assertThat(String.valueOf(action)).isNotEqualTo("*").doesNotEndWith(":*"));
            assertThat(list(statement.get("Resource"))).doesNotContain("*");
        });
    }

    @Test
    void managedPolicyListsTheBucketWithoutAConditionSoThatAMissingKeyIsA404NotA403() {
        List<Map<String, Object>> statements = statements(onlyResourceOfType("AWS::IAM::ManagedPolicy"));

        assertThat(statements).filteredOn(statement -> list(statement.get("Action")).contains("s3:ListBucket"))
                .singleElement().satisfies(statement -> assertThat(statement).doesNotContainKey("Condition"));
    }

    @Test
    void notificationIsForObjectCreationsUnderTheInputPrefix() {
        List<Object> configurations = list(
                at(resource("PayloadBucket"), "Properties", "NotificationConfiguration", "QueueConfigurations"));

        assertThat(configurations).singleElement().satisfies(configuration -> {
            assertThat(at(configuration, "Event")).isEqualTo("s3:ObjectCreated:*");
            assertThat(at(configuration, "Queue")).isEqualTo(Map.of("Fn::GetAtt", List.of("NotificationQueue", "Arn")));
            assertThat(list(at(configuration, "Filter", "S3Key", "Rules")))
                    .containsExactly(Map.of("Name", "prefix", "Value", Map.of("Ref", "InputPrefix")));
        });
    }

    @Test
    void serviceTaskRunsWithTheChainPolicyAndNothingElse() {
        Map<String, Object> role = map(resource("ServiceTaskRole").get("Properties"));

        assertThat(list(role.get("ManagedPolicyArns"))).containsExactly(Map.of("Ref", "ChainPolicy"));
        assertThat(role).doesNotContainKey("Policies");
    }

    @Test
    void serviceExecutionRoleReadsOnlyTheGivenSecrets() {
        assertThat(executionRoleStatements("secretsmanager:")).singleElement().satisfies(statement -> {
            assertThat(list(statement.get("Action"))).containsExactly("secretsmanager:GetSecretValue");
            assertThat(list(statement.get("Resource")))
                    .containsExactly(Map.of("Ref", "JdbcPasswordSecretArn"), Map.of("Ref", "ApiTokensSecretArn"));
        });
    }

    @Test
    void serviceExecutionRoleWritesOnlyToTheServicesLogGroup() {
        assertThat(executionRoleStatements("logs:")).singleElement()
                .satisfies(statement -> assertThat(statement.get("Resource"))
                        .isEqualTo(Map.of("Fn::GetAtt", List.of("ServiceLogGroup", "Arn"))));
    }

    @Test
    void serviceRolesCanBeAssumedOnlyByEcsTasksOfThisAccount() {
        for (String role : List.of("ServiceTaskRole", "ServiceExecutionRole")) {
            Map<String, Object> trust = map(
                    list(at(resource(role), "Properties", "AssumeRolePolicyDocument", "Statement")).get(0));

            assertThat(trust.get("Principal")).as(role).isEqualTo(Map.of("Service", "ecs-tasks.amazonaws.com"));
            assertThat(map(at(trust, "Condition", "StringEquals"))).as(role)
                    .containsEntry("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> resource(String logicalId) {
        return map(resources.get(logicalId));
    }

    private static Map<String, Object> onlyResourceOfType(String type) {
        List<Map<String, Object>> found = resources.values().stream().map(TemplateSecurityTest::map)
                .filter(r -> type.equals(r.get("Type"))).toList();
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> statements(Map<String, Object> policyResource) {
        return list(at(policyResource, "Properties", "PolicyDocument", "Statement")).stream()
                .map(TemplateSecurityTest::map).toList();
    }

    private static Map<String, Object> chainPolicyStatement(String sid) {
        List<Map<String, Object>> found = statements(onlyResourceOfType("AWS::IAM::ManagedPolicy")).stream()
                .filter(statement -> sid.equals(statement.get("Sid"))).toList();
        assertThat(found).as("ChainPolicy statements %s", sid).hasSize(1);
        return found.get(0);
    }

    /**
     * A FIFO row's resource: the FIFO queue's ARN when it is created, else one of the notification queues whose row
     * grants these actions already (so that without the FIFO queue the row grants nothing more).
     */
    private static void grantsOnFifoQueueOrNothingMore(Map<String, Object> statement, String fifoQueue) {
        List<Object> branches = list(map(statement.get("Resource")).get("Fn::If"));
        Map<String, Object> notificationQueues = chainPolicyStatement("NotificationQueues");

        assertThat(branches).hasSize(3);
        assertThat(branches.get(0)).isEqualTo("FifoQueueEnabled");
        assertThat(branches.get(1)).isEqualTo(Map.of("Fn::GetAtt", List.of(fifoQueue, "Arn")));
        assertThat(list(notificationQueues.get("Resource"))).contains(branches.get(2));
        assertThat(list(notificationQueues.get("Action"))).containsAll(list(statement.get("Action")));
    }

    /** The execution role's statements with an action of this service prefix, e.g. {@code logs:}. */
    private static List<Map<String, Object>> executionRoleStatements(String actionPrefix) {
        return list(at(resource("ServiceExecutionRole"), "Properties", "Policies", 0, "PolicyDocument", "Statement"))
                .stream()
                .map(TemplateSecurityTest::map)
                .filter(statement -> list(statement.get("Action")).stream()
                        .anyMatch(action -> String.valueOf(action).startsWith(actionPrefix)))
                .toList();
    }

    private static List<Map<String, Object>> lifecycleRules() {
        return list(at(resource("PayloadBucket"), "Properties", "LifecycleConfiguration", "Rules")).stream()
                .map(TemplateSecurityTest::map).toList();
    }

    /** The default of the parameter a {@code Ref} names, or the literal itself. */
    private static Object parameterDefault(Object value) {
        if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
            return map(parameters.get(String.valueOf(m.get("Ref")))).get("Default");
        }
        return value;
    }

    private static void collectReferences(Object node, List<String> into) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String ref) {
                into.add(ref);
            }
            if (m.get("Fn::GetAtt") instanceof List<?> getAtt) {
                into.add(String.valueOf(getAtt.get(0)));
            }
            if (m.get("Fn::Sub") != null) {
                Matcher placeholders = Pattern.compile("\\$\\{([^!.}][^.}]*)")
                        .matcher(String.valueOf(m.get("Fn::Sub")));
                while (placeholders.find()) {
                    into.add(placeholders.group(1));
                }
            }
            m.values().forEach(v -> collectReferences(v, into));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, into));
        }
    }

    private static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? list(current).get(i) : map(current).get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }
}
