package io.sqsextended.chain.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.local.Outages;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded SQS stopped (while payloads wait in the downstream) and started again on the same port: the
 * consumer logs its failing polls a bounded number of times, resumes by itself, and every payload is delivered.
 * The outage lasts {@code -Dchaintest.sqs-outage-seconds} (default 10).
 */
class SqsOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("chaintest.sqs-outage-seconds", 10));
    static final String VISIBILITY_PARAMETER = ChainKeys.LOCAL_PARAMETERS.name() + "VisibilityTimeout";

    static CapturedLogs logs;
    // messages whose deletion failed during the outage come back soon (a system property: see DeadLetterFailureTest)
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets().systemProperty(VISIBILITY_PARAMETER, "5")
            .beforeStart(c -> logs = c.closing(CapturedLogs.open("sqs-outage-logs")));

    @Test
    void theConsumerBacksOffDuringAnSqsOutageResumesAndLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> before = IntStream.range(0, 20).mapToObj(i -> run + " before " + i).toList();
        List<String> after = IntStream.range(0, 20).mapToObj(i -> run + " after " + i).toList();
        try (SqsClient sqs = AwsClients.sqs(chain.clientSettings())) {
            Queues queues = Queues.of(chain.running(), sqs);
            chain.downstream().close();
            before.forEach(body -> sqs.sendMessage(r -> r.queueUrl(queues.queueUrl).messageBody(body)));
            await().atMost(Duration.ofSeconds(30)).until(() -> queues.pending() == before.size());

            Outages.stopSqs(chain.localAws());
            long stopped = System.nanoTime();
            long linesBefore = logs.lines().size();
            long pollFailuresBefore = logs.count("polling");
            chain.downstream().open();
            await().atMost(OUTAGE.plusSeconds(30)).until(() -> System.nanoTime() - stopped >= OUTAGE.toNanos());
            long linesDuringOutage = logs.lines().size() - linesBefore;
            long pollFailures = logs.count("polling") - pollFailuresBefore;
            Outages.startSqs(chain.localAws());

            after.forEach(body -> sqs.sendMessage(r -> r.queueUrl(queues.queueUrl).messageBody(body)));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> delivered().containsAll(before) && delivered().containsAll(after)
                    && queues.pending() == 0);
            System.out.printf(
                    "SQS outage of %d s: %d log lines during it, %d of them failed polls; %d deliveries of %d "
                    + "payloads%n",
                    OUTAGE.toSeconds(), linesDuringOutage, pollFailures, chain.downstream().deliveries().size(),
                            before.size() + after.size());
            // backoff: after 3 failed polls each poller skips about 10 s of polls (2 log events per failed poll)
            int pollers = ChainConfig.of(chain.context()).get(ConsumerSettings.GROUP).polling().pollers();
            assertThat(pollFailures).isLessThanOrEqualTo(pollers * 2 * (3 + OUTAGE.toSeconds() / 10 + 2));
            assertThat(queues.drain()).isZero();
        }
    }

    private static Set<String> delivered() {
        Set<String> subjects = new HashSet<>();
        chain.downstream().deliveries().forEach(d -> subjects.add(d.subject()));
        return subjects;
    }
}
