package io.sqsextended.chain.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.Postgres;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import io.sqsextended.chain.testkit.UniqueSecrets;
import io.sqsextended.chain.testkit.Readiness;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances in aws mode on one queue of a local-mode stack, sharing the idempotency store on PostgreSQL: 500
 * uploads, 50 of them overwritten, every S3 event on the queue twice, and one instance killed (kill -9) while it holds
 * claims. Every event (object key and sequencer) reaches a downstream exactly once, and the dead instance's claims are
 * delivered by the others once their claim timeout has passed. And two instances while the database is away for 20 s:
 * delivery pauses on both (readiness DOWN), then every event is delivered once.
 * <p>
 * The kill lands while none of the victim's payloads has passed its downstream without its claim being confirmed:
 * a payload killed in that window is delivered again, whatever
 * the store (docs/operations.md, "What exactly once means"). Profile {@code reliability}: {@code mvn verify
 * -Preliability -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScaleOutIT}.
 */
@Tag("reliability")
class ScaleOutIT {

    static final int UPLOADS = 500;
    static final int OVERWRITES = 50;
    static final int CONCURRENCY = 8;
    static final String CLAIM_TIMEOUT = "6s";
    static final String JDBC_PASSWORD = "rel-jdbc-" + UUID.randomUUID();
    // the test's downstream: holds each payload a while (so that the instances
    // hold claims when one is killed), then logs what it got
    static final String DOWNSTREAM = """
            - route:
                id: scale-out-downstream
                from:
                  uri: direct:scale-out
                  steps:
                    - convertBodyTo:
                        type: String
                    - delay:
                        constant: 250
                    - log:
                        message: "Delivered ${exchangeProperty.ChainIdempotencyKey} ${header.PayloadKey} ${body}"
            """;
    static final Pattern DELIVERED = Pattern.compile("Delivered (s3-event:\\S+) (input/scale-out/\\S+) (.*)$");

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path home;
    String database;
    @RegisterExtension
    final ChainExtension stack = ChainExtension.app();
    final List<RunningJar> instances = new ArrayList<>();

    record Delivery(int instance, String id, String key, String body) {
    }

    @BeforeEach
    void newDatabase() {
        database = Postgres.get().newDatabase();
    }

    @AfterEach
    void stopAll() throws Exception {
        Postgres.get().startIfStopped();
        for (RunningJar instance : instances) {
            instance.close();
        }
    }

    @Test
    void everyEventIsDeliveredOnceByThreeInstancesDespiteDuplicatesOverwritesAndAKill() throws Exception {
        List<String> keys = keys(UPLOADS);
        upload(keys, "v1");
        upload(keys.subList(0, OVERWRITES), "v2");
        List<String> events = takeEvents(UPLOADS + OVERWRITES);
        startInstances(3);
        sendTwice(events);

        RunningJar victim = instances.get(0);
        await().atMost(Duration.ofMinutes(2)).until(() -> deliveries(List.of(victim)).size() >= 10);
        Set<String> heldAtKill = killHoldingClaims(victim);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> ids(deliveries(instances)).size() >= events.size() && stack.queues().pending() == 0);
        stopLiving();

        List<Delivery> deliveries = deliveries(instances);
        System.out.printf(
                "Scale-out: %d events (each sent twice), %d deliveries, by instance %s, %d claims taken over from the "
                + "killed one%n",
                events.size(), deliveries.size(), perInstance(deliveries), heldAtKill.size());
        assertEveryEventDeliveredOnce(deliveries, events, keys);
        assertThat(deliveries.stream().filter(d -> d.instance() > 0).map(Delivery::id))
                .as("claims of the killed instance")
                .containsAll(heldAtKill);
        assertThat(perInstance(deliveries)).as("deliveries per instance").doesNotContain(0L);
        assertThat(instances.stream().flatMap(instance -> instance.output().stream())
                .filter(line -> line.contains(JDBC_PASSWORD)))
                .as("lines showing the database password").isEmpty();
    }

    @Test
    void theDatabaseAwayForTwentySecondsPausesDeliveryOnEveryInstanceAndNothingIsLostOrDoubled() throws Exception {
        List<String> keys = keys(200);
        upload(keys, "v1");
        List<String> events = takeEvents(keys.size());
        startInstances(2);
        sendTwice(events);

        await().atMost(Duration.ofMinutes(2)).until(() -> deliveries(instances).size() >= 20);
        Postgres.get().stop();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> instances.stream().allMatch(i -> Readiness.status(i.management()) == 503));
        // counted once the database is down (its stop takes seconds
        // on a loaded machine, claims still succeeding meanwhile): payloads claimed before may still finish, at most
        // what an instance's poll gate admits (2 x concurrency - 1, and 10 per
        // poller); nothing is claimed now, so nothing more is delivered
        int beforeOutage = deliveries(instances).size();
        int inFlightAtMost = instances.size() * (2 * CONCURRENCY - 1 + 10);
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                .until(() -> deliveries(instances).size() <= beforeOutage + inFlightAtMost);
        Postgres.get().start();

        await().atMost(Duration.ofMinutes(3))
                .until(() -> ids(deliveries(instances)).size() >= events.size() && stack.queues().pending() == 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> instances.stream().allMatch(i -> Readiness.status(i.management()) == 200));
        stopLiving();
        List<Delivery> deliveries = deliveries(instances);
        System.out.printf("Database outage: %d events (each sent twice), %d deliveries, by instance %s%n",
                events.size(), deliveries.size(),
                perInstance(deliveries));
        assertEveryEventDeliveredOnce(deliveries, events, keys);
    }

    private void assertEveryEventDeliveredOnce(List<Delivery> deliveries, List<String> events, List<String> keys)
            throws SQLException {
        Map<String, Integer> perEvent = new HashMap<>();
        deliveries.forEach(d -> perEvent.merge(d.id(), 1, Integer::sum));
        assertThat(perEvent.entrySet().stream().filter(e -> e.getValue() > 1).toList())
                .as("events delivered more than once").isEmpty();
        assertThat(perEvent).as("events delivered").hasSize(events.size());
        assertThat(deliveries.stream().map(Delivery::key).distinct()).as("objects delivered")
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.body())
                .matches("payload " + Pattern.quote(d.key()) + " v[12]"));
        assertThat(stack.queues().drain()).as("dead letters").isZero();
        assertThat(undone()).as("claims left in the store").isZero();
    }

    private List<Long> perInstance(List<Delivery> deliveries) {
        return IntStream.range(0, instances.size())
                .mapToObj(i -> deliveries.stream().filter(d -> d.instance() == i).count()).toList();
    }

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "input/scale-out/" + i + ".txt").toList();
    }

    private void startInstances(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            instances.add(start(i));
        }
        for (RunningJar instance : instances) {
            instance.awaitOutput(") started in", Duration.ofSeconds(120));
        }
    }

    /** Stops the instances still running, as an orchestrator does: their outcomes are written before they end. */
    private void stopLiving() throws InterruptedException {
        for (RunningJar instance : instances) {
            if (instance.isAlive()) {
                instance.stop();
            }
        }
    }

    private void sendTwice(List<String> events) {
        List<String> twice = new ArrayList<>(events);
        twice.addAll(events);
        Collections.shuffle(twice, new Random(17));
        send(twice);
    }

    /** An instance in aws mode on the stack's bucket and queues, with the shared store and the test's downstream. */
    private RunningJar start(int index) throws IOException {
        Path instanceHome = home.resolve("instance-" + index);
        Files.createDirectories(instanceHome.resolve("routes"));
        Files.writeString(instanceHome.resolve("routes").resolve("scale-out.camel.yaml"), DOWNSTREAM);
        AwsSettings endpoints = stack.clientSettings();
        List<String> properties = new ArrayList<>(
                RunningJar.awsMode(endpoints, stack.property(ChainKeys.BUCKET.name()),
                stack.property(ChainKeys.QUEUE.name()),
                stack.property(ChainKeys.DEAD_LETTER_QUEUE.name())));
        properties.addAll(List.of("-Dchain.auth.producer-tokens=" + UniqueSecrets.PRODUCER_TOKEN,
                "-Dchain.auth.consumer-tokens=" + UniqueSecrets.CONSUMER_TOKEN,
                "-Dchain.auth.admin-tokens=" + UniqueSecrets.ADMIN_TOKEN, "-Dchain.consumer.wait-time-seconds=1",
                // few workers, each holding a payload 250 ms: the queue drains
                // over tens of seconds, with claims held all along
                "-Dchain.consumer.concurrency=" + CONCURRENCY,
                "-Dchain.downstream.uri=direct:scale-out", "-Dcamel.main.shutdown-timeout=5",
                // messages of the killed instance come back after 10 s, its claims may be taken after 6 s
                "-Dchain.consumer.visibility-timeout=10", "-Dchain.consumer.idempotency.claim-timeout=" + CLAIM_TIMEOUT,
                "-Dchain.consumer.idempotency.store=jdbc", "-Dchain.consumer.idempotency.jdbc-url=" + database,
                "-Dchain.consumer.idempotency.jdbc-user=postgres", "-Dchain.consumer.idempotency.jdbc-password="
                        + JDBC_PASSWORD));
        return RunningJar.start(instanceHome, Collections.synchronizedList(new ArrayList<>()), properties);
    }

    private void upload(List<String> keys, String version) {
        String bucket = stack.property(ChainKeys.BUCKET.name());
        ExecutorService uploaders = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(keys.stream()
                    .map(key -> CompletableFuture.runAsync(() -> stack.s3().putObject(r -> r.bucket(bucket).key(key),
                    RequestBody.fromString("payload " + key + " " + version)), uploaders))
                            .toArray(CompletableFuture[]::new)).join();
        } finally {
            uploaders.shutdown();
        }
    }

    /** The S3 events of the uploads, taken off the queue (no instance runs yet), to be sent back twice each. */
    private List<String> takeEvents(int count) {
        String queueUrl = stack.queues().queueUrl;
        Set<String> bodies = new LinkedHashSet<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            List<Message> messages = stack.sqs()
                    .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(60))
                    .messages();
            messages.forEach(m -> {
                bodies.add(m.body());
                stack.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
            return bodies.size() >= count;
        });
        assertThat(bodies).as("S3 events of the uploads").hasSize(count);
        return List.copyOf(bodies);
    }

    private void send(List<String> bodies) {
        String queueUrl = stack.queues().queueUrl;
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> batch = bodies.subList(from, Math.min(bodies.size(), from + 10));
            AtomicInteger id = new AtomicInteger();
            stack.sqs().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch.stream()
                    .map(body -> SendMessageBatchRequestEntry.builder().id("m" + id.incrementAndGet()).messageBody(body)
                            .build()).toList()));
        }
    }

    /**
     * kill -9 of an instance at a moment it holds claims of payloads it has not delivered, and none of a payload it
     * delivered without confirming yet: frozen (SIGSTOP), its claims read from the store and its output compared with
     * them, killed if so, else let go on (SIGCONT) and tried again. Returns the claims it held.
     */
    private Set<String> killHoldingClaims(RunningJar victim) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            signal(victim, "STOP");
            AtomicInteger lines = new AtomicInteger(-1);
            // its last lines are in the pipe: read until nothing more comes
            await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10))
                    .until(() -> lines.getAndSet(victim.output().size()) == victim.output().size());
            Set<String> held = claims(victim.pid());
            Set<String> deliveredUnconfirmed = new HashSet<>(held);
            deliveredUnconfirmed.retainAll(ids(deliveries(List.of(victim))));
            if (!held.isEmpty() && deliveredUnconfirmed.isEmpty()) {
                victim.kill();
                return held;
            }
            signal(victim, "CONT");
            int frozenAt = victim.output().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> victim.output().size() > frozenAt);
        }
        throw new AssertionError(
                "The instance never held claims outside the window between its downstream and the confirmation");
    }

    private static void signal(RunningJar jar, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(jar.pid())).start().waitFor()).isZero();
    }

    /** The idempotency keys of the payloads the process claimed and did not deliver yet. */
    private Set<String> claims(long pid) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             ResultSet rows = connection.createStatement()
                     .executeQuery("SELECT payload FROM chain_delivered WHERE NOT done AND owner LIKE '"
                     + pid + "@%'")) {
            Set<String> keys = new HashSet<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }

    private int undone() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             ResultSet rows = connection.createStatement()
                     .executeQuery("SELECT COUNT(*) FROM chain_delivered WHERE NOT done")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<Delivery> deliveries(List<RunningJar> instances) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            for (String line : new ArrayList<>(instances.get(i).output())) {
                Matcher m = DELIVERED.matcher(line);
                if (m.find()) {
                    deliveries.add(new Delivery(i, m.group(1), m.group(2), m.group(3)));
                }
            }
        }
        return deliveries;
    }

    private static Set<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).collect(Collectors.toSet());
    }
}
