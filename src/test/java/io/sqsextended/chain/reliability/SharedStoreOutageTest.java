package io.sqsextended.chain.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.Postgres;
import io.sqsextended.chain.Queues;
import io.sqsextended.chain.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shared idempotency store's database stopped for 20 s while payloads arrive: delivery pauses, nothing is lost or doubled. */
class SharedStoreOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    ChainApp app;
    S3Client s3;
    SqsClient sqs;
    Queues queues;
    final RecordingDownstream downstream = new RecordingDownstream();

    @BeforeEach
    void start() throws Exception {
        app = Apps.builder(dataDir).property("chain.consumer.idempotency.store", "jdbc")
                .property("chain.consumer.idempotency.jdbc-url", Postgres.get().newDatabase())
                .property("chain.consumer.idempotency.jdbc-user", "postgres")
                .property("chain.consumer.idempotency.claim-timeout", "3s")
                .start();
        downstream.addTo(app.context());
        s3 = AwsClients.s3(app.clientSettings());
        sqs = AwsClients.sqs(app.clientSettings());
        queues = Queues.of(app, sqs);
        await().atMost(Duration.ofSeconds(20)).until(() -> Readiness.status(app.management()) == 200);
    }

    @AfterEach
    void stop() throws Exception {
        Postgres.get().startIfStopped();
        s3.close();
        sqs.close();
        app.close();
    }

    @Test
    void deliveryPausesWhileTheDatabaseIsAwayAndEveryPayloadIsDeliveredOnceAfterIt() throws Exception {
        List<String> before = upload("before", 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> downstream.keys().containsAll(before));

        Postgres.get().stop();
        List<String> during = upload("during", 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> Readiness.status(app.management()) == 503);
        assertThat(Readiness.message(app.management(), "idempotency-store")).contains("unavailable");
        // no claim, no delivery: what arrives now waits, for as long as the database is away
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).until(() -> downstream.deliveries().size() == before.size());
        Postgres.get().start();

        await().atMost(Duration.ofSeconds(60)).until(() -> downstream.keys().containsAll(during) && queues.pending() == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> Readiness.status(app.management()) == 200);
        assertThat(downstream.deliveries()).as("deliveries").hasSize(before.size() + during.size());
        assertThat(queues.drain()).as("dead letters").isZero();
    }

    /** Uploads under the input prefix: S3 notifies the queue of each. */
    private List<String> upload(String batch, int count) {
        String prefix = "input/outage/" + batch + "-" + UUID.randomUUID() + "/";
        List<String> keys = IntStream.range(0, count).mapToObj(i -> prefix + i + ".txt").toList();
        keys.forEach(key -> s3.putObject(r -> r.bucket(app.property("chain.bucket")).key(key), RequestBody.fromString("payload " + key)));
        return keys;
    }
}
