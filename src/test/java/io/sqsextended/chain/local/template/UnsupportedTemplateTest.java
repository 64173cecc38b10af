package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import io.sqsextended.chain.local.template.eval.TemplateException;
import io.sqsextended.chain.local.template.eval.StackContext;

/** What local mode cannot emulate fails loudly, naming the logical id and the property path. */
class UnsupportedTemplateTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> provisioning(String yaml) {
        return assertThatThrownBy(() -> CloudFormationTemplate.parse(yaml)
                .provision(StackContext.of("demo", "111122223333", "us-east-1")))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void aCorsRulePropertyTheEmbeddedS3DoesNotKnowIsNamed() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      CorsConfiguration:
                        CorsRules:
                          - AllowedOrigins: ["https://a.example"]
                            AllowedMethods: [PUT]
                            AllowedHeader: [content-type]
                """).hasMessageContaining("Resources.Bucket.Properties.CorsConfiguration.CorsRules.0.AllowedHeader");
    }

    @Test
    void aCorsRuleWithAMethodS3DoesNotHaveIsRefused() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      CorsConfiguration:
                        CorsRules:
                          - AllowedOrigins: ["https://a.example"]
                            AllowedMethods: [PATCH]
                """).hasMessageContaining("CorsRules.0.AllowedMethods").hasMessageContaining("'PATCH'");
    }

    @Test
    void aCorsRuleMaxAgeThatIsNotANumberIsRefused() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      CorsConfiguration:
                        CorsRules:
                          - AllowedOrigins: ["https://a.example"]
                            AllowedMethods: [PUT]
                            MaxAge: an hour
                """).hasMessageContaining("CorsRules.0.MaxAge");
    }

    @Test
    void getAzsNeedsAnAccount() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Select [0, !GetAZs ""]
                """).hasMessageContaining("Resources.Queue.Properties.QueueName").hasMessageContaining("Fn::GetAZs");
    }

    @Test
    void importValueNeedsAnAccount() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !ImportValue shared-queue-name
                """)
                        .hasMessageContaining("Resources.Queue.Properties.QueueName")
                        .hasMessageContaining("Fn::ImportValue");
    }

    @Test
    void cidrIsNotEvaluatedEvenOnANotApplicableResource() {
        provisioning("""
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                    Properties:
                      Description: !Select [0, !Cidr ["10.0.0.0/16", 2, 8]]
                """).hasMessageContaining("Resources.Key.Properties.Description").hasMessageContaining("Fn::Cidr");
    }

    @Test
    void unknownIntrinsicFunctionIsNamed() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      DelaySeconds: !Length [a, b]
                """).hasMessageContaining("Resources.Queue.Properties.DelaySeconds").hasMessageContaining("Fn::Length");
    }

    @Test
    void unknownResourceTypeIsNamed() {
        provisioning("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                """).hasMessageContaining("Resources.Topic").hasMessageContaining("AWS::SNS::Topic");
    }

    @Test
    void unknownQueuePropertyIsNamed() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      ContentBasedDeduplication: true
                """).hasMessageContaining("Resources.Queue.Properties.ContentBasedDeduplication");
    }

    @Test
    void unknownBucketPropertyIsNamed() {
        provisioning("""
                Resources:
                  Site:
                    Type: AWS::S3::Bucket
                    Properties:
                      WebsiteConfiguration: {IndexDocument: index.html}
                """)
                        .hasMessageContaining("Resources.Site.Properties.WebsiteConfiguration")
                        .hasMessageContaining("local mode");
    }

    @Test
    void topicNotificationsCannotBeEmulated() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      NotificationConfiguration:
                        TopicConfigurations:
                          - {Event: "s3:ObjectCreated:*", Topic: "arn:aws:sns:us-east-1:111122223333:t"}
                """).hasMessageContaining("Resources.Bucket.Properties.NotificationConfiguration.TopicConfigurations");
    }

    @Test
    void eventBridgeNotificationsCannotBeEmulated() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      NotificationConfiguration:
                        EventBridgeConfiguration: {EventBridgeEnabled: true}
                """)
                        .hasMessageContaining(
                        "Resources.Bucket.Properties.NotificationConfiguration.EventBridgeConfiguration");
    }

    @Test
    void notificationToAQueueOutsideTheTemplateFails() {
        provisioning("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      NotificationConfiguration:
                        QueueConfigurations:
                          - {Event: "s3:ObjectCreated:*", Queue: "arn:aws:sqs:us-east-1:111122223333:elsewhere"}
                """)
                        .hasMessageContaining(
                        "Resources.Bucket.Properties.NotificationConfiguration.QueueConfigurations.0.Queue");
    }

    @Test
    void aFifoQueueABucketNotifiesIsRejectedBecauseS3CannotNotifyIt() {
        provisioning("""
                Resources:
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: ordered.fifo
                      FifoQueue: true
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      NotificationConfiguration:
                        QueueConfigurations:
                          - {Event: "s3:ObjectCreated:*", Queue: !GetAtt Ordered.Arn}
                """).hasMessageContaining("Resources.Ordered.Properties.FifoQueue").hasMessageContaining("FIFO")
                .hasMessageContaining("Bucket");
    }

    @Test
    void danglingRefFails() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Ref Missing
                """).hasMessageContaining("Resources.Queue.Properties.QueueName").hasMessageContaining("'Missing'");
    }

    @Test
    void danglingGetAttFailsEvenInAnUntakenBranch() {
        provisioning("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !If [Never, !GetAtt Missing.QueueName, q]
                """).hasMessageContaining("Resources.Queue.Properties.QueueName").hasMessageContaining("'Missing'");
    }

    @Test
    void danglingSubPlaceholderFails() {
        provisioning("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${Stage}-queue"
                """).hasMessageContaining("Resources.Queue.Properties.QueueName").hasMessageContaining("'Stage'");
    }

    @Test
    void unsupportedGetAttAttributeIsNamed() {
        provisioning("""
                Resources:
                  Bucket: {Type: AWS::S3::Bucket}
                Outputs:
                  Site: {Value: !GetAtt Bucket.WebsiteURL}
                """).hasMessageContaining("Outputs.Site.Value").hasMessageContaining("WebsiteURL");
    }

    @Test
    void circularReferencesFail() {
        provisioning("""
                Resources:
                  A:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt B.Arn, maxReceiveCount: 1}
                  B:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${A.QueueName}-dlq"
                """).hasMessageContaining("circular dependency A -> B -> A");
    }

    @Test
    void circularConditionsFail() {
        provisioning("""
                Conditions:
                  X: !Not [!Condition Y]
                  Y: !Not [!Condition X]
                Resources:
                  Queue: {Type: AWS::SQS::Queue, Condition: X}
                """).hasMessageContaining("circular condition");
    }

    @Test
    void refToAResourceThatIsNotCreatedFails() {
        provisioning("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Dead: {Type: AWS::SQS::Queue, Condition: Never}
                  Main:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 1}
                """).hasMessageContaining("Resources.Main.Properties.RedrivePolicy.deadLetterTargetArn")
                .hasMessageContaining("condition Never is false");
    }

    @Test
    void invalidBucketNameFails() {
        provisioning("""
                Resources:
                  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub "${AWS::StackName}-Payloads"}}
                """)
                        .hasMessageContaining("Resources.Bucket.Properties.BucketName")
                        .hasMessageContaining("demo-Payloads");
    }

    @Test
    void transformsAreNotExpanded() {
        assertThatThrownBy(() -> CloudFormationTemplate.parse("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                """)).isInstanceOf(TemplateException.class).hasMessageContaining("Transform");
    }

    @Test
    void brokenYamlIsATemplateException() {
        assertThatThrownBy(() -> CloudFormationTemplate.parse("Resources: [unclosed"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not valid YAML");
    }
}
