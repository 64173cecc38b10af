package io.sqsextended.chain.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the dead-letter queue cannot be written, the source message stays on the queue: nothing is lost. */
class DeadLetterFailureTest {

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static SqsClient sqs;
    static final RecordingDownstream downstream = new RecordingDownstream();
    static final String VISIBILITY_PARAMETER = "chain.local.parameter.VisibilityTimeout";

    @BeforeAll
    static void start() throws Exception {
        // SQS hands the message out again soon after it was left on the queue. A system property: local mode reads
        // template parameters before ChainApp's override properties can be listed
        System.setProperty(VISIBILITY_PARAMETER, "2");
        app = ChainApp.builder(dataDir).consumer().downstream(RecordingDownstream.URI).properties(Map.of(
                "chain.consumer.redelivery.max-attempts", "0")).start();
        downstream.addTo(app.context());
        AdviceWith.adviceWith(app.context(), ConsumerRoutes.DEAD_LETTER_ROUTE,
                route -> route.weaveAddFirst().throwException(new IllegalStateException("dead-letter queue unavailable")));
        sqs = AwsClients.sqs(app.clientSettings());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        app.close();
        System.clearProperty(VISIBILITY_PARAMETER);
    }

    @Test
    void aMessageWhoseDeadLetterCannotBeSentStaysOnTheQueueAndComesBack() {
        Queues queues = Queues.of(app, sqs);
        String body = "poison " + UUID.randomUUID();
        downstream.failWhen = body::equals;

        String messageId = queues.send(body);

        // ElasticMQ hands a message out again only when a long poll (20 s) starts, not while one waits
        await().atMost(Duration.ofSeconds(60)).until(() -> downstream.of(d -> messageId.equals(d.messageId())).size() >= 2);
        downstream.failWhen = subject -> false;
        await().atMost(Duration.ofSeconds(60)).until(() -> queues.pending() == 0);
        assertThat(downstream.of(d -> messageId.equals(d.messageId()))).hasSizeGreaterThanOrEqualTo(3);
    }
}
