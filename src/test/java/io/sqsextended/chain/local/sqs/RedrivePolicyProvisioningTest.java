package io.sqsextended.chain.local.sqs;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notification queue is provisioned with the template's redrive policy and visibility timeout. */
class RedrivePolicyProvisioningTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static SqsClient sqs;
    static String queueUrl;
    static String dlqUrl;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        sqs = stack.sqs();
        queueUrl = sqs.getQueueUrl(r -> r.queueName(local.outputs().get("NotificationQueueName"))).queueUrl();
        dlqUrl = sqs.getQueueUrl(r -> r.queueName(local.outputs().get("DeadLetterQueueName"))).queueUrl();
    }

    @Test
    void aMessageReceivedFiveTimesWithoutDeletionMovesToTheDeadLetterQueue() {
        String body = "poison-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        AtomicInteger receives = new AtomicInteger();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // visibility 0: the message is back at once, as if the consumer had crashed
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0)
                    .waitTimeSeconds(1))
                    .messages().stream().filter(m -> m.body().equals(body)).forEach(m -> receives.incrementAndGet());
            return sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages().stream().anyMatch(m -> m.body().equals(body));
        });

        assertThat(receives.get()).isEqualTo(5);
    }

    @Test
    void theNotificationQueueHidesAReceivedMessageFor360Seconds() {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributes();

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("360");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("\"maxReceiveCount\":5")
                .contains(local.outputs().get("DeadLetterQueueName"));
    }

    @Test
    void theDefaultStackHasNoFifoQueue() {
        assertThat(sqs.listQueues().queueUrls()).hasSize(2).noneMatch(url -> url.endsWith(".fifo"));
    }
}
