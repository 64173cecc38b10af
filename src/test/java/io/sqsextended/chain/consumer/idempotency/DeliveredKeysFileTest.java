package io.sqsextended.chain.consumer.idempotency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.Readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idempotency store of local mode ({@code <data-dir>/consumer/delivered.keys}) made unwritable. Tests run as
 * root, which writes through any file mode: a directory in the file's place is what no one can append to.
 */
class DeliveredKeysFileTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .afterStart(c -> await().atMost(Duration.ofSeconds(20))
                    .until(() -> Readiness.status(c.management()) == 200));
    final Path store = chain.dataDir().resolve("consumer").resolve("delivered.keys").toAbsolutePath();

    @Test
    void readinessIsDownNamingTheStoreWhileItIsUnwritableAndUpOnceItIsWritableAgain() throws Exception {
        unwritable();

        await().atMost(Duration.ofSeconds(10)).until(() -> Readiness.status(chain.management()) == 503);
        assertThat(Readiness.message(chain.management(), "idempotency-store")).contains(store.toString());

        Files.delete(store);
        await().atMost(Duration.ofSeconds(10)).until(() -> Readiness.status(chain.management()) == 200);
    }

    @Test
    void payloadsAreStillDeliveredAndTheStoreFailureIsLoggedOnceAsAnError() throws Exception {
        List<String> bodies = IntStream.range(0, 5).mapToObj(i -> "while the store is broken " + UUID.randomUUID())
                .toList();
        try (CapturedLogs logs = CapturedLogs.open("idempotency-store")) {
            unwritable();

            bodies.forEach(body -> chain.sqs().sendMessage(r -> r.queueUrl(chain.queues().queueUrl).messageBody(body)));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> chain.downstream().deliveries().stream().map(RecordingDownstream.Attempt::subject)
                    .toList()
                    .containsAll(bodies) && chain.queues().pending() == 0);
            assertThat(chain.queues().drain()).as("dead letters").isZero();
            assertThat(logs.lines().stream()
                    .filter(line -> line.contains(store.toString()) && !line.startsWith("DEBUG")))
                    .as("log lines about the store").singleElement().asString().startsWith("ERROR");
        }
    }

    private void unwritable() throws Exception {
        Files.deleteIfExists(store);
        Files.createDirectories(store);
    }
}
