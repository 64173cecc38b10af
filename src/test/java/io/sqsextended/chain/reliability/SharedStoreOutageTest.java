package io.sqsextended.chain.reliability;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.Readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared idempotency store's database stopped for 20 s while payloads arrive: delivery pauses, nothing is lost or
 * doubled.
 */
class SharedStoreOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @RegisterExtension
    final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .property(ConsumerSettings.IDEMPOTENCY_STORE.name(), "jdbc")
            .property(ConsumerSettings.IDEMPOTENCY_JDBC_URL.name(), c -> Postgres.get().newDatabase())
            .property(ConsumerSettings.IDEMPOTENCY_JDBC_USER.name(), "postgres")
            .property(ConsumerSettings.IDEMPOTENCY_CLAIM_TIMEOUT.name(), "3s")
            .afterStart(c -> await().atMost(Duration.ofSeconds(20))
                    .until(() -> Readiness.status(c.management()) == 200));

    @AfterEach
    void postgresBack() throws Exception {
        Postgres.get().startIfStopped();
    }

    @Test
    void deliveryPausesWhileTheDatabaseIsAwayAndEveryPayloadIsDeliveredOnceAfterIt() throws Exception {
        List<String> before = upload("before", 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> chain.downstream().keys().containsAll(before));

        Postgres.get().stop();
        List<String> during = upload("during", 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> Readiness.status(chain.management()) == 503);
        assertThat(Readiness.message(chain.management(), "idempotency-store")).contains("unavailable");
        // no claim, no delivery: what arrives now waits, for as long as the database is away
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                .until(() -> chain.downstream().deliveries().size() == before.size());
        Postgres.get().start();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> chain.downstream().keys().containsAll(during) && chain.queues().pending() == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> Readiness.status(chain.management()) == 200);
        assertThat(chain.downstream().deliveries()).as("deliveries").hasSize(before.size() + during.size());
        assertThat(chain.queues().drain()).as("dead letters").isZero();
    }

    /** Uploads under the input prefix: S3 notifies the queue of each. */
    private List<String> upload(String batch, int count) {
        String prefix = "input/outage/" + batch + "-" + UUID.randomUUID() + "/";
        List<String> keys = IntStream.range(0, count).mapToObj(i -> prefix + i + ".txt").toList();
        keys.forEach(key -> chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("payload " + key)));
        return keys;
    }
}
