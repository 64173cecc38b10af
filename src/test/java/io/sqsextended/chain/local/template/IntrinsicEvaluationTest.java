package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.eval.TemplateException;
import io.sqsextended.chain.local.template.eval.StackContext;

/** Intrinsic functions, conditions and parameters on small templates. */
class IntrinsicEvaluationTest {

    private static final StackContext STACK = StackContext.of("demo", "111122223333", "eu-central-1");

    private static ProvisionedStack provision(String yaml) {
        return CloudFormationTemplate.parse(yaml).provision(STACK);
    }

    private static ProvisionedStack provision(String yaml, Map<String, String> overrides) {
        return CloudFormationTemplate.parse(yaml).provision(STACK.withParameters(overrides));
    }

    @Test
    void subKeepsExclamationPlaceholdersAsLiterals() {
        ProvisionedStack stack = provision("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                Outputs:
                  Literal:
                    Value: !Sub "${!Literal}-${AWS::Region}-${Queue.QueueName}"
                """);

        assertThat(stack.outputs()).containsEntry("Literal", "${Literal}-eu-central-1-" + stack.queues().get(0).name());
    }

    @Test
    void subWithVariablesPrefersTheVariables() {
        ProvisionedStack stack = provision("""
                Parameters:
                  Env: {Type: String, Default: dev}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub
                        - "${Env}-${Kind}-${AWS::AccountId}"
                        - Kind: !Join ["", [orders, "-", in]]
                """);

        assertThat(stack.queues().get(0).name()).isEqualTo("dev-orders-in-111122223333");
    }

    @Test
    void conditionsDecideWhichResourcesAreCreated() {
        String template = """
                Parameters:
                  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsDev: !Not [!Condition IsProd]
                Resources:
                  ProdOnly:
                    Type: AWS::SQS::Queue
                    Condition: IsProd
                    Properties: {QueueName: prod-only}
                  Always:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !If [IsDev, dev-queue, prod-queue]
                """;

        assertThat(provision(template).queues()).extracting(QueueSpec::name).containsExactly("dev-queue");
        assertThat(provision(template, Map.of("Env", "prod")).queues()).extracting(QueueSpec::name)
                .containsExactly("prod-only", "prod-queue");
    }

    @Test
    void resourceWhoseConditionIsFalseIsNeverLookedAt() {
        ProvisionedStack stack = provision("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Cluster:
                    Type: AWS::ECS::Cluster
                    Condition: Never
                    UnknownAttribute: true
                    Properties:
                      CapacityProviders: !GetAZs ""
                  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}
                """);

        assertThat(stack.queues()).extracting(QueueSpec::name).containsExactly("q");
        assertThat(stack.notApplicable()).isEmpty();
    }

    @Test
    void andOrAndNoValueCombine() {
        ProvisionedStack stack = provision("""
                Parameters:
                  A: {Type: String, Default: "yes"}
                  B: {Type: String, Default: "no"}
                Conditions:
                  Both: !And [!Equals [!Ref A, "yes"], !Equals [!Ref B, "yes"]]
                  Either: !Or [!Equals [!Ref A, "yes"], !Equals [!Ref B, "yes"]]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: q
                      DelaySeconds: !If [Both, 5, !Ref AWS::NoValue]
                      VisibilityTimeout: !If [Either, 60, 10]
                """);

        assertThat(stack.queues().get(0).delaySeconds()).isZero();
        assertThat(stack.queues().get(0).visibilityTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void outputsWithAFalseConditionAreLeftOut() {
        ProvisionedStack stack = provision("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}
                Outputs:
                  Shown: {Value: !GetAtt Queue.Arn}
                  Hidden: {Condition: Never, Value: hidden}
                """);

        assertThat(stack.outputs()).containsOnlyKeys("Shown")
                .containsEntry("Shown", "arn:aws:sqs:eu-central-1:111122223333:q");
    }

    @Test
    void findInMapSelectAndSplitResolve() {
        ProvisionedStack stack = provision("""
                Mappings:
                  Sizes:
                    eu-central-1: {Visibility: 120}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Select [1, !Split [",", "a,picked,c"]]
                      VisibilityTimeout: !FindInMap [Sizes, !Ref AWS::Region, Visibility]
                """);

        assertThat(stack.queues().get(0).name()).isEqualTo("picked");
        assertThat(stack.queues().get(0).visibilityTimeoutSeconds()).isEqualTo(120);
    }

    @Test
    void base64EncodesUtf8() {
        assertThat(provision("""
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                Outputs:
                  Encoded: {Value: !Base64 "hello"}
                """).outputs()).containsEntry("Encoded", "aGVsbG8=");
    }

    @Test
    void unnamedResourcesGetDeterministicCloudFormationLikeNames() {
        String template = """
                Resources:
                  Uploads: {Type: AWS::S3::Bucket}
                  WorkQueue: {Type: AWS::SQS::Queue}
                """;
        ProvisionedStack first = provision(template);

        assertThat(first.buckets().get(0).name()).matches("demo-uploads-[a-z0-9]{12}");
        assertThat(first.queues().get(0).name()).matches("demo-WorkQueue-[A-Z0-9]{12}");
        assertThat(provision(template)).isEqualTo(first);
    }

    @Test
    void redrivePolicyGivenAsJsonStringIsUnderstood() {
        ProvisionedStack stack = provision("""
                Resources:
                  Main:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: main
                      RedrivePolicy: !Sub '{"deadLetterTargetArn": "${Dead.Arn}", "maxReceiveCount": "7"}'
                  Dead: {Type: AWS::SQS::Queue, Properties: {QueueName: dead}}
                """);

        assertThat(stack.queues()).extracting(QueueSpec::name).containsExactly("dead", "main");
        assertThat(stack.queue("main").redrive()).isEqualTo(new ProvisionedStack.Redrive("dead", 7));
    }

    @Test
    void jsonTemplatesParseLikeYaml() {
        ProvisionedStack stack = provision("""
                {"Resources": {"Queue": {"Type": "AWS::SQS::Queue",
                  "Properties": {"QueueName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "jobs"]]}}}}}
                """);

        assertThat(stack.queues().get(0).name()).isEqualTo("demo-jobs");
    }

    @Test
    void shortFormTagsBecomeLongFormsOnScalarsSequencesAndMappings() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      A: !GetAtt Other.Arn
                      B: !Join [",", [x, !Ref Y]]
                      C: !Sub
                        - "${V}"
                        - V: !Base64 z
                """);

        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) (
                (Map<String, Object>) ((Map<String, Object>) template.document()
                .get("Resources")).get("Queue")).get("Properties");
        assertThat(properties).containsEntry("A", Map.of("Fn::GetAtt", List.of("Other", "Arn")))
                .containsEntry("B", Map.of("Fn::Join", List.of(",", List.of("x", Map.of("Ref", "Y")))))
                .containsEntry("C", Map.of("Fn::Sub", List.of("${V}", Map.of("V", Map.of("Fn::Base64", "z")))));
    }

    @Test
    void failingRuleAssertionRejectsTheParameters() {
        String template = """
                Parameters:
                  InputPrefix: {Type: String, Default: input/}
                  OffloadPrefix: {Type: String, Default: offload/}
                Rules:
                  PrefixesDiffer:
                    Assertions:
                      - Assert: !Not [!Equals [!Ref InputPrefix, !Ref OffloadPrefix]]
                        AssertDescription: InputPrefix and OffloadPrefix must differ
                Resources:
                  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: demo-bucket}}
                """;

        assertThat(provision(template).buckets()).hasSize(1);
        assertThatThrownBy(() -> provision(template, Map.of("OffloadPrefix", "input/")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Rules.PrefixesDiffer")
                .hasMessageContaining("must differ");
    }

    @Test
    void parameterWithoutDefaultOrOverrideFails() {
        assertThatThrownBy(() -> provision("""
                Parameters:
                  Name: {Type: String}
                Resources:
                  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Name}}
                """))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameters.Name")
                .hasMessageContaining("no Default");
    }
}
