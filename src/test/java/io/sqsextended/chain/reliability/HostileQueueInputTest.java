package io.sqsextended.chain.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.reliability.HostileMessages.Hostile;
import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import io.sqsextended.chain.testkit.UniqueSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over a thousand generated hostile messages on the notification queue of a running app ({@link HostileMessages}):
 * none crashes the consumer, each is either delivered (inline payloads are legitimate) or dead-lettered with a
 * reason, and the two counts add up to what was sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileQueueInputTest {

    static final String PLANTED = "planted outside the bucket " + java.util.UUID.randomUUID();

    static CapturedLogs logs;
    static final Map<String, Hostile> sent = new HashMap<>();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets().properties(Map.of(
                    // S3 errors other than 404 are retried once, quickly:
                    // the point here is the outcome, not the backoff
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "10",
                    ConsumerSettings.REDELIVERY_MAX_DELAY.name(), "100"))
            .beforeStart(c -> logs = c.closing(CapturedLogs.open("hostile-queue-logs")))
            .afterStart(c -> {
                // what path tricks would like to reach: files next to the bucket's directory and above it
                Files.writeString(c.dataDir().resolve("s3/planted-secret.txt"), PLANTED);
                Files.writeString(c.dataDir().resolve("planted-secret.txt"), PLANTED);
                c.s3().putObject(r -> r.bucket(c.property(ChainKeys.BUCKET.name())).key("input/real.txt"),
                        RequestBody.fromString("a real object"));
            });

    @Test
    @Order(1)
    void everyHostileMessageIsDeliveredOrDeadLetteredWithAReasonAndNoneIsLost() {
        List<Hostile> messages = HostileMessages.generate(chain.property(ChainKeys.BUCKET.name()));
        assertThat(messages).hasSizeGreaterThanOrEqualTo(1000);

        send(messages);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                chain.queues().drain();
                return deliveredIds().size() + deadLetteredIds().size() >= sent.size() && chain.queues().pending() == 0;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the outcome report below names what is missing
        }
        chain.queues().drain();

        Set<String> delivered = deliveredIds();
        Set<String> deadLettered = deadLetteredIds();
        Map<String, List<String>> wrong = new TreeMap<>();
        sent.forEach((id, hostile) -> {
            boolean d = delivered.contains(id);
            boolean l = deadLettered.contains(id);
            String outcome = d && l ? "BOTH" : d ? "DELIVERED" : l ? "DEAD_LETTERED" : "LOST";
            boolean ok = switch (hostile.expect()) {
                case DELIVERED -> outcome.equals("DELIVERED");
                case DEAD_LETTERED -> outcome.equals("DEAD_LETTERED");
                case EITHER -> outcome.equals("DELIVERED") || outcome.equals("DEAD_LETTERED");
            };
            if (!ok) {
                wrong.computeIfAbsent(hostile.category() + ": expected " + hostile.expect() + ", was " + outcome, k
                        -> new ArrayList<>())
                        .add(abbreviate(hostile.body()));
            }
        });
        System.out.printf("Hostile queue input: %d sent, %d delivered, %d dead-lettered; by category: %s%n",
                sent.size(), delivered.size(),
                deadLettered.size(), summary(delivered, deadLettered));
        assertThat(wrong).as("messages with the wrong outcome").isEmpty();
        assertThat(chain.queues().pending()).as("messages left on the queue").isZero();
        assertThat(delivered.size() + deadLettered.size()).isEqualTo(sent.size());
        // idempotency: each delivered message reached the downstream once
        assertThat(chain.downstream().deliveries().stream().filter(d -> sent.containsKey(d.messageId())).count())
                .isEqualTo(delivered.size());
    }

    @Test
    @Order(2)
    void everyDeadLetterCarriesTheReason() {
        List<Message> ours = chain.queues().deadLetters().stream().filter(m -> sent.containsKey(Queues.originalId(m)))
                .toList();
        assertThat(ours).isNotEmpty().allSatisfy(m -> {
            assertThat(Queues.attribute(m, DeadLetterSender.ERROR_CLASS)).isNotBlank();
            assertThat(Queues.attribute(m, DeadLetterSender.ERROR_MESSAGE)).isNotBlank();
            assertThat(m.body()).isEqualTo(sent.get(Queues.originalId(m)).body());
        });
        // nothing reached the dead-letter queue by SQS redrive (without a reason): the app decided every message
        assertThat(chain.queues().deadLetters()).allSatisfy(m -> assertThat(Queues.originalId(m)).isNotNull());
    }

    @Test
    @Order(3)
    void noPathTrickReadsAFileOutsideTheBucket() {
        assertThat(chain.downstream().deliveries())
                .noneMatch(d -> d.key() != null && new String(d.body(), StandardCharsets.UTF_8).contains(PLANTED));
        assertThat(chain.downstream().deliveries()).filteredOn(d -> d.key() != null)
                .allSatisfy(d -> assertThat(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo("a real object"));
    }

    @Test
    @Order(4)
    void theConsumerSurvivesAndStillDeliversARealUpload() {
        assertThat(chain.context().getRouteController().getRouteStatus(ConsumerRoutes.CONSUME_ROUTE))
                .isEqualTo(ServiceStatus.Started);
        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key("input/after-the-storm.txt"),
                RequestBody.fromString("a real object"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> chain.downstream().keys().contains("input/after-the-storm.txt"));
        assertThat(logs.lines()).noneMatch(line -> line.contains("StackOverflowError")
                || line.contains("OutOfMemoryError"));
    }

    @Test
    @Order(5)
    void noSecretOrSignatureIsLoggedWhileHostileMessagesAreHandled() {
        logs.assertNoSecrets(UniqueSecrets.secrets());
    }

    private static void send(List<Hostile> messages) {
        List<Hostile> batch = new ArrayList<>();
        int batchSize = 0;
        for (Hostile hostile : messages) {
            if (batch.size() == 10 || batchSize + hostile.size() > HostileMessages.MAX_MESSAGE) {
                sendBatch(batch);
                batch.clear();
                batchSize = 0;
            }
            batch.add(hostile);
            batchSize += hostile.size();
        }
        sendBatch(batch);
    }

    private static void sendBatch(List<Hostile> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(batch.get(i).body())
                    .messageAttributes(batch.get(i).attributes()).build());
        }
        var result = chain.sqs().sendMessageBatch(r -> r.queueUrl(chain.queues().queueUrl).entries(entries));
        assertThat(result.failed()).as("messages SQS refused").isEmpty();
        result.successful().forEach(ok -> sent.put(ok.messageId(), batch.get(Integer.parseInt(ok.id().substring(1)))));
    }

    private static Set<String> deliveredIds() {
        return chain.downstream().messageIds().stream().filter(sent::containsKey).collect(Collectors.toSet());
    }

    private static Set<String> deadLetteredIds() {
        Set<String> ids = new HashSet<>();
        chain.queues().deadLetters().forEach(m -> ids.add(Queues.originalId(m)));
        ids.retainAll(sent.keySet());
        return ids;
    }

    private static Map<String, String> summary(Set<String> delivered, Set<String> deadLettered) {
        Map<String, int[]> counts = new TreeMap<>();
        sent.forEach((id, hostile) -> {
            int[] c = counts.computeIfAbsent(hostile.category(), k -> new int[3]);
            c[delivered.contains(id) ? 0 : deadLettered.contains(id) ? 1 : 2]++;
        });
        Map<String, String> text = new TreeMap<>();
        counts.forEach((category, c) -> text.put(category, c[0] + " delivered/" + c[1] + " dead-lettered"
                + (c[2] > 0 ? "/" + c[2] + " LOST" : "")));
        return text;
    }

    private static String abbreviate(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "... (" + body.length() + " chars)";
    }
}
