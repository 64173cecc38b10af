package io.sqsextended.chain.reliability;

import java.util.Map;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded S3 answers an upload only once its event is on the queue: a kill -9 right after the answer loses no
 * event (KillNineIT found 18 of 200 lost when the event was sent after the answer).
 */
class NotificationBeforeAnswerTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;

    @BeforeAll
    static void start() {
        local = stack.local();
    }

    @Test
    void everyAnsweredUploadHasItsEventOnTheQueueAlready() {
        try (S3Client s3 = stack.s3(); SqsClient sqs = AwsClients.sqs(
                local.clientSettings())) {
            String queueUrl = sqs.getQueueUrl(r -> r.queueName(local.outputs().get("NotificationQueueName")))
                    .queueUrl();
            // the s3:TestEvent of a fresh data dir first
            await().until(() -> messages(sqs, queueUrl) == 1);
            int before = messages(sqs, queueUrl);
            for (int i = 1; i <= 20; i++) {
                String key = "input/answered/" + i + ".txt";
                s3.putObject(r -> r.bucket(TestStacks.bucket(local)).key(key), RequestBody.fromString("payload"));

                assertThat(messages(sqs, queueUrl)).as("events on the queue when upload %d was answered", i)
                        .isEqualTo(before + i);
            }
        }
    }

    private static int messages(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
