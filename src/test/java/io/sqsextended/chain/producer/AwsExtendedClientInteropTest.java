package io.sqsextended.chain.producer;

import java.util.List;
import java.util.UUID;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages from our extended producer are read by the AWS SQS Extended Client library (the reference). */
class AwsExtendedClientInteropTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static String bucket;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
    }

    @ParameterizedTest(name = "legacy size attribute: {0}")
    @ValueSource(booleans = {false, true})
    void aTwoMiBMessageFromOurProducerIsReceivedIntactByTheAwsLibrary(boolean legacyAttributeName) {
        String queueUrl = sqs.createQueue(r -> r.queueName("interop-" + UUID.randomUUID())).queueUrl();
        String payload = "0123456789abcdef".repeat(2 * 1024 * 1024 / 16);
        var settings = new ExtendedSettings(bucket, "offload/", 262_144, false, legacyAttributeName, null,
                (int) S3Limits.MIN_PART_SIZE);
        new ExtendedPublisher(s3, sqs, settings).publish(queueUrl, OutgoingMessage.of(payload));

        var config = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(AwsClients.s3(local.clientSettings()), bucket);
        // the library closes the clients it is given
        try (var awsClient = new AmazonSQSExtendedClient(AwsClients.sqs(local.clientSettings()), config)) {
            List<Message> messages = awsClient.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();

            assertThat(messages).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(payload));
        }
    }
}
