package io.sqsextended.chain.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.CapturedLogs;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.Queues;
import io.sqsextended.chain.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idempotency store of local mode ({@code <data-dir>/consumer/delivered.keys}) made unwritable. Tests run as
 * root, which writes through any file mode: a directory in the file's place is what no one can append to.
 */
class IdempotencyStoreTest {

    @TempDir
    Path dataDir;
    ChainApp app;
    SqsClient sqs;
    Queues queues;
    Path store;
    final RecordingDownstream downstream = new RecordingDownstream();

    @BeforeEach
    void start() throws Exception {
        app = Apps.builder(dataDir).start();
        downstream.addTo(app.context());
        sqs = AwsClients.sqs(app.clientSettings());
        queues = Queues.of(app, sqs);
        store = dataDir.resolve("consumer").resolve("delivered.keys").toAbsolutePath();
        await().atMost(Duration.ofSeconds(20)).until(() -> Readiness.status(app.management()) == 200);
    }

    @AfterEach
    void stop() {
        sqs.close();
        app.close();
    }

    @Test
    void readinessIsDownNamingTheStoreWhileItIsUnwritableAndUpOnceItIsWritableAgain() throws Exception {
        unwritable();

        await().atMost(Duration.ofSeconds(10)).until(() -> Readiness.status(app.management()) == 503);
        assertThat(Readiness.message(app.management(), "idempotency-store")).contains(store.toString());

        Files.delete(store);
        await().atMost(Duration.ofSeconds(10)).until(() -> Readiness.status(app.management()) == 200);
    }

    @Test
    void payloadsAreStillDeliveredAndTheStoreFailureIsLoggedOnceAsAnError() throws Exception {
        List<String> bodies = IntStream.range(0, 5).mapToObj(i -> "while the store is broken " + UUID.randomUUID()).toList();
        try (CapturedLogs logs = CapturedLogs.open("idempotency-store")) {
            unwritable();

            bodies.forEach(body -> sqs.sendMessage(r -> r.queueUrl(queues.queueUrl).messageBody(body)));

            await().atMost(Duration.ofSeconds(20)).until(() -> downstream.deliveries().stream().map(RecordingDownstream.Attempt::subject).toList()
                    .containsAll(bodies) && queues.pending() == 0);
            assertThat(queues.drain()).as("dead letters").isZero();
            assertThat(logs.lines().stream().filter(line -> line.contains(store.toString()) && !line.startsWith("DEBUG")))
                    .as("log lines about the store").singleElement().asString().startsWith("ERROR");
        }
    }

    private void unwritable() throws Exception {
        Files.deleteIfExists(store);
        Files.createDirectories(store);
    }
}
