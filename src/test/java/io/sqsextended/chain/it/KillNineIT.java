package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 200 uploads while the jar is killed (kill -9) at random moments and restarted on the same data: every upload
 * S3 acknowledged reaches the downstream at least once; duplicates are counted and reported. A producer retries
 * an upload that got no answer (the jar died under it), as any client of S3 does.
 * Profile {@code reliability}: {@code mvn verify -Preliability -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KillNineIT}.
 */
@Tag("reliability")
class KillNineIT {

    static final int UPLOADS = Integer.getInteger("chaintest.kill9.uploads", 200);
    static final int KILLS = Integer.getInteger("chaintest.kill9.kills", 5);
    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final Pattern DELIVERED = Pattern.compile("Payload s3-event " + BUCKET + "/(input/kill9/\\S+):");

    @TempDir
    Path home;

    @Test
    void everyAcknowledgedUploadReachesTheDownstreamAtLeastOnceDespiteRepeatedKills() throws Exception {
        List<String> properties = List.of("-Dchain.local.data-dir=" + home.resolve("data"), "-Dchain.routes.dir="
                + home.resolve("routes"),
                // a killed consumer's messages come back after 5 s instead of 6 minutes
                "-Dchain.local.parameter.VisibilityTimeout=5");
        List<String> output = new CopyOnWriteArrayList<>();
        Random random = new Random(9);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        int next = 0;
        int kills = 0;
        long started = System.nanoTime();

        RunningJar jar = null;
        try {
        while (next < UPLOADS) {
            // a restart binds the ports of the first start: the stack's endpoints stay
            jar = jar == null ? RunningJar.start(home, output, properties) : jar.restart();
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            // at most UPLOADS / (KILLS + 1) uploads between kills: every kill happens before the last upload
            int killAfter = kills < KILLS ? 1 + random.nextInt(UPLOADS / (KILLS + 1)) : Integer.MAX_VALUE;
            try (S3Client s3 = AwsClients.s3(jar.clientSettings())) {
                for (int sent = 0; next < UPLOADS && sent < killAfter; sent++) {
                    String key = "input/kill9/" + next + ".txt";
                    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("payload " + key));
                    acknowledged.add(key);
                    next++;
                }
            }
            if (kills < KILLS && next < UPLOADS) {
                // a random moment: right away, or while deliveries are under way
                await().pollDelay(Duration.ofMillis(random.nextInt(1500))).until(() -> true);
                jar.kill();
                kills++;
                continue;
            }
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> delivered(output).keySet().containsAll(acknowledged));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below, with the keys that never arrived
            }
            jar.stop();
        }
        } finally {
            if (jar != null && jar.isAlive()) {
                jar.kill();
            }
        }

        Map<String, Integer> counts = delivered(output);
        Map<String, Integer> duplicates = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                duplicates.put(key, count);
            }
        });
        System.out.printf("kill -9: %d uploads, %d kills, %d delivered, %d keys delivered more than once %s, %.0f s%n",
                UPLOADS, kills,
                counts.size(), duplicates.size(), duplicates, (System.nanoTime() - started) / 1e9);
        assertThat(acknowledged.stream().filter(key -> !counts.containsKey(key)).toList())
                .as("acknowledged uploads never delivered").isEmpty();
        assertThat(kills).isEqualTo(KILLS);
    }

    /** Deliveries per key, from the built-in downstream's lines in every run's output. */
    private static Map<String, Integer> delivered(List<String> output) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (String line : new ArrayList<>(output)) {
            Matcher m = DELIVERED.matcher(line);
            if (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }
}
