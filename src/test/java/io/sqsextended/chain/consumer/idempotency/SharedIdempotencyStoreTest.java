package io.sqsextended.chain.consumer.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import io.sqsextended.chain.testkit.Postgres;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The shared store on a real PostgreSQL: claims, outcomes, instances that die, expiry and outages. */
class SharedIdempotencyStoreTest {

    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    static final String KEY = "s3:bucket/input/a.txt#v1#0055AED6DCD90281E5";

    final CamelContext context = new DefaultCamelContext();
    final List<SharedIdempotencyStore> stores = new ArrayList<>();
    final String url = Postgres.get().newDatabase();

    @AfterEach
    void stop() {
        stores.forEach(SharedIdempotencyStore::shutdown);
    }

    /** An instance on the queue; started: it renews its claims. */
    SharedIdempotencyStore instance(boolean started, Duration retention) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setConnectionTimeout(1000);
        pool.setInitializationFailTimeout(-1);
        SharedIdempotencyStore store = new SharedIdempotencyStore(context, pool, pool, "queue", "test database",
                CLAIM_TIMEOUT, retention);
        stores.add(store);
        if (started) {
            store.start();
        }
        return store;
    }

    SharedIdempotencyStore instance() {
        return instance(true, Duration.ofDays(15));
    }

    @Test
    void aClaimedPayloadIsNotClaimedAgainWhileItsDeliveryIsUnderWay() {
        SharedIdempotencyStore first = instance();
        SharedIdempotencyStore second = instance();
        assertThat(first.add(KEY)).isTrue();
        assertThat(second.add(KEY)).isFalse();
        assertThat(first.add(KEY)).as("the same instance, another message").isFalse();
        assertThat(second.delivered(KEY)).isFalse();
    }

    @Test
    void aConfirmedClaimIsADeliveredKey() {
        SharedIdempotencyStore first = instance();
        first.add(KEY);
        first.confirm(KEY);
        assertThat(instance().delivered(KEY)).isTrue();
        assertThat(instance().add(KEY)).isFalse();
        assertThat(first.contains(KEY)).isTrue();
    }

    @Test
    void aFailedDeliveryReleasesItsClaim() {
        SharedIdempotencyStore first = instance();
        first.add(KEY);
        first.remove(KEY);
        assertThat(instance().add(KEY)).isTrue();
    }

    @Test
    void ofManyInstancesClaimingOnePayloadAtOnceExactlyOneGetsIt() throws Exception {
        List<SharedIdempotencyStore> instances = List.of(instance(), instance(), instance());
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 20; round++) {
                String key = KEY + round;
                List<Callable<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    SharedIdempotencyStore store = instances.get(i % 3);
                    claims.add(() -> store.add(key));
                }
                long won = 0;
                for (Future<Boolean> claim : threads.invokeAll(claims)) {
                    won += claim.get() ? 1 : 0;
                }
                assertThat(won).as("claims granted of key %s", key).isEqualTo(1);
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void theClaimOfAnInstanceThatDiedIsTakenAfterTheClaimTimeout() {
        SharedIdempotencyStore dead = instance(false, Duration.ofDays(15));
        assertThat(dead.add(KEY)).isTrue();
        SharedIdempotencyStore survivor = instance();
        assertThat(survivor.add(KEY)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> survivor.add(KEY));
        survivor.confirm(KEY);
        assertThat(survivor.delivered(KEY)).isTrue();
        dead.confirm(KEY);
        assertThat(owner()).as("the late instance does not overwrite the taker's outcome").isNotNull();
    }

    @Test
    void aClaimThatIsRenewedIsNeverTaken() {
        SharedIdempotencyStore holder = instance();
        SharedIdempotencyStore other = instance();
        assertThat(holder.add(KEY)).isTrue();
        // three claim timeouts: an unrenewed claim would have been taken after one
        await().pollDelay(CLAIM_TIMEOUT.multipliedBy(3)).atMost(CLAIM_TIMEOUT.multipliedBy(4)).until(() -> true);
        assertThat(other.add(KEY)).isFalse();
    }

    @Test
    void aDeliveredKeyIsNeverTakenHoweverOld() {
        SharedIdempotencyStore first = instance(false, Duration.ofDays(15));
        first.add(KEY);
        first.confirm(KEY);
        SharedIdempotencyStore later = instance();
        await().pollDelay(CLAIM_TIMEOUT.multipliedBy(2)).atMost(CLAIM_TIMEOUT.multipliedBy(3)).until(() -> true);
        assertThat(later.add(KEY)).isFalse();
    }

    @Test
    void keysOlderThanTheRetentionAreDeleted() {
        SharedIdempotencyStore store = instance(false, Duration.ofSeconds(4));
        store.add(KEY);
        store.confirm(KEY);
        store.expire();
        assertThat(rows()).as("younger than the retention").isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            store.expire();
            return rows() == 0;
        });
    }

    @Test
    void aKeyIsStoredAsItsHashBesideTheReadableKeySoThatS3KeysOfAnyLengthFit() {
        SharedIdempotencyStore store = instance();
        String longKey = "s3:bucket/input/" + "\u00e9".repeat(1024) + "#v1#seq";
        assertThat(store.add(longKey)).isTrue();
        JdbcTemplate sql = new JdbcTemplate(pool());
        assertThat(sql.queryForObject("SELECT payload FROM chain_delivered", String.class)).isEqualTo(longKey);
        assertThat(sql.queryForObject("SELECT message_id FROM chain_delivered", String.class)).hasSize(64);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAClearErrorAndAProblem() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
        pool.setConnectionTimeout(500);
        pool.setInitializationFailTimeout(-1);
        SharedIdempotencyStore store = new SharedIdempotencyStore(context, pool, pool, "queue",
                "jdbc:postgresql://127.0.0.1:1/none",
                CLAIM_TIMEOUT, Duration.ofDays(1));
        stores.add(store);
        assertThatThrownBy(() -> store.add(KEY)).isInstanceOf(IdempotencyStoreUnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none");
        assertThat(store.problem()).contains(
                "idempotency store jdbc:postgresql://127.0.0.1:1/none (table chain_delivered) unavailable");
    }

    @Test
    void anOutcomeThatCannotBeWrittenDuringAnOutageIsWrittenOnceTheDatabaseIsBack() throws Exception {
        SharedIdempotencyStore store = instance();
        assertThat(store.add(KEY)).isTrue();
        Postgres.get().stop();
        try {
            store.confirm(KEY);
            assertThat(store.problem()).isNotNull();
        } finally {
            Postgres.get().start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> instance().delivered(KEY));
        assertThat(store.problem()).isNull();
    }

    @Test
    void thePasswordNeverAppearsInTheLocationOfTheStore() {
        assertThat(SharedIdempotencyStore.withoutParameters("jdbc:postgresql://db:5432/chain?user=u&password=p4ss"))
                .isEqualTo("jdbc:postgresql://db:5432/chain");
    }

    private String owner() {
        return new JdbcTemplate(pool()).queryForObject("SELECT owner FROM chain_delivered WHERE done", String.class);
    }

    private int rows() {
        return new JdbcTemplate(pool()).queryForObject("SELECT COUNT(*) FROM chain_delivered", Integer.class);
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(1);
        pools.add(pool);
        return pool;
    }

    final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }
}
