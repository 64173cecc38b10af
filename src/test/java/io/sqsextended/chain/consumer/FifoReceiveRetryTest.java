package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.SqsReceiveProxy;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A FIFO queue's poller retries a receive whose answer was lost with the same ReceiveRequestAttemptId, so SQS answers
 * it with the messages it had handed out (ElasticMQ 1.7.1 keeps them by attempt id for 5 minutes, as SQS does) rather
 * than hiding them for the visibility timeout (360 s). The app, in aws mode, reaches a stack's SQS through a proxy
 * that loses an answer; the SDK tries each call once ({@code aws.maxAttempts}): its own retries resend the same
 * request, id included, so the retry tested is the poller's.
 */
class FifoReceiveRetryTest {

    static final String QUEUE = "orders.fifo";
    static LocalAws stack;
    static SqsReceiveProxy proxy;
    static SqsClient sqs;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream()
            .systemProperty("aws.maxAttempts", "1")
            .beforeStart(c -> {
                stack = TestStacks.start(TestStacks.settings(c.dir("stack"), TestStacks.TEMPLATE,
                        Map.of("FifoQueueName", QUEUE)));
                c.closing(stack::stop);
                proxy = c.closing(SqsReceiveProxy.start(stack.clientSettings().sqsEndpoint()));
                sqs = c.closing(AwsClients.sqs(stack.clientSettings()));
            })
            .properties(Map.of(ChainKeys.MODE.name(), "aws", ChainKeys.REGION.name(), "us-east-1",
                    AuthSettings.ENABLED.name(), "false",
                    ConsumerSettings.QUEUES.name(), QUEUE, ConsumerSettings.WAIT_TIME_SECONDS.name(), "1"))
            .property(ChainKeys.AWS_S3_ENDPOINT.name(), c -> stack.clientSettings().s3Endpoint().toString())
            .property(ChainKeys.AWS_SQS_ENDPOINT.name(), c -> proxy.endpoint().toString())
            .property(ChainKeys.AWS_ACCESS_KEY.name(), c -> stack.clientSettings().accessKey())
            .property(ChainKeys.AWS_SECRET_KEY.name(), c -> stack.clientSettings().secretKey())
            .property(ChainKeys.BUCKET.name(), c -> stack.outputs().get("BucketName"))
            .property(ChainKeys.QUEUE.name(), c -> stack.outputs().get("NotificationQueueName"))
            .property(ChainKeys.DEAD_LETTER_QUEUE.name(), c -> stack.outputs().get("DeadLetterQueueName"));

    @Test
    void aReceiveRetriedAfterItsAnswerWasLostCarriesTheSameAttemptIdAndGetsTheSameMessagesAtOnce() {
        String run = UUID.randomUUID().toString();
        Queues fifo = new Queues(sqs, QUEUE);
        proxy.loseAnswersWithMessages(QUEUE, 1);

        try (CapturedLogs logs = CapturedLogs.open("fifo-receive-retry")) {
            fifo.sendToGroup(sqs, "g", "g 1 " + run);
            List<SqsReceiveProxy.Receive> lostThenRetried = await().until(FifoReceiveRetryTest::lostThenNext,
                    receives -> receives.size() == 2);

            SqsReceiveProxy.Receive lost = lostThenRetried.get(0);
            SqsReceiveProxy.Receive retried = lostThenRetried.get(1);
            assertThat(retried.attemptId()).isNotNull().isEqualTo(lost.attemptId());
            assertThat(retried.messageIds()).hasSize(1).isEqualTo(lost.messageIds());
            assertThat(retried.lost()).isFalse();
            assertThat(logs.count("Receive from FIFO queue " + QUEUE + " failed, retried with the same attempt id"))
                    .as("the poller saw the lost answer").isEqualTo(1);
        }
        // well within the 360 s the lost answer's message stays hidden
        await().atMost(Duration.ofSeconds(15)).until(() -> chain.downstream().groupOrder("g", run).size() == 1);
        fifo.awaitNothingPending();
        assertThat(chain.downstream().groupOrder("g", run)).as("delivered once").containsExactly(1);
    }

    @Test
    void aReceiveSqsRefusedIsRetriedWithANewAttemptId() {
        String run = UUID.randomUUID().toString();
        Queues fifo = new Queues(sqs, QUEUE);
        proxy.refuseReceives(QUEUE, 1);

        List<SqsReceiveProxy.Receive> refusedThenRetried = await().until(
                () -> firstThenNext(SqsReceiveProxy.Receive::refused), receives -> receives.size() == 2);
        assertThat(refusedThenRetried.get(1).attemptId()).isNotNull()
                .as("an id SQS refused would be refused again").isNotEqualTo(refusedThenRetried.get(0).attemptId());

        fifo.sendToGroup(sqs, "r", "r 1 " + run);
        await().atMost(Duration.ofSeconds(15)).until(() -> chain.downstream().groupOrder("r", run).size() == 1);
    }

    /** The receive whose answer was lost and the one after it, as far as they happened. */
    private static List<SqsReceiveProxy.Receive> lostThenNext() {
        return firstThenNext(SqsReceiveProxy.Receive::lost);
    }

    private static List<SqsReceiveProxy.Receive> firstThenNext(Predicate<SqsReceiveProxy.Receive> which) {
        List<SqsReceiveProxy.Receive> receives = proxy.receives(QUEUE);
        int first = receives.stream().filter(which).findFirst().map(receives::indexOf).orElse(receives.size());
        return receives.subList(first, Math.min(receives.size(), first + 2));
    }
}
