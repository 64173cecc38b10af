package io.sqsextended.chain.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failing payloads never stall the others: a payload waiting for its redelivery holds no worker, and what no retry
 * can fix goes to the dead-letter queue at once. The redelivery delay (4 s) is far longer than a delivery takes.
 */
class FailingPayloadsTest {

    static final int FAILING = 20;
    static final long REDELIVERY_DELAY = 4000;

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().properties(Map.of(
                    ChainKeys.CONCURRENCY.name(), "2",
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "1",
                    ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), String.valueOf(REDELIVERY_DELAY)))
            .afterStart(c -> c.downstream().failWhen = subject -> subject.startsWith("poison "));

    @Test
    void aGoodPayloadIsDeliveredWhileTwentyFailingOnesWaitForTheirRedelivery() {
        String run = UUID.randomUUID().toString();
        List<String> poison = IntStream.range(0, FAILING).mapToObj(i -> "poison " + run + " " + i).toList();
        poison.forEach(chain.queues()::send);
        String goodId = chain.queues().send("good " + run);

        RecordingDownstream.Attempt good = await().atMost(Duration.ofSeconds(30))
                .until(() -> chain.downstream().of(d -> goodId.equals(d.messageId())), list -> !list.isEmpty()).get(0);

        // it came after the failing ones (at least the first receive of 10), and none of them had its redelivery yet
        assertThat(chain.downstream().of(d -> poison.contains(new String(d.body())) && d.at() < good.at()).stream()
                .map(d -> new String(d.body())))
                .as("attempts at failing payloads before the good one was delivered")
                .hasSizeGreaterThanOrEqualTo(FAILING / 2)
                .doesNotHaveDuplicates();
        List<Message> deadLetters = await()
                .until(() -> chain.queues().deadLetters(m -> poison.contains(m.body())), list -> list.size()
                == FAILING);
        assertThat(deadLetters).allSatisfy(deadLetter -> {
            assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("2");
            assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("failed");
        });
        chain.queues().awaitNothingPending();
    }

    /** S3 answers these keys 400 or 403: a malformed key, which no retry can fix. */
    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"../x", "input//x", "input/nul\u0000x"})
    void aKeyThatS3RefusesGoesToTheDeadLetterQueueWithoutRedelivery(String key) {
        String messageId = chain.queues().send(objectCreated(chain.bucket(), key, "01"));

        Message deadLetter = chain.queues()
                .awaitDeadLetter(m -> messageId.equals(attribute(m, DeadLetterSender.ORIGINAL_MESSAGE_ID)));
        assertThat(attribute(deadLetter, DeadLetterSender.ATTEMPTS)).isEqualTo("1");
        assertThat(attribute(deadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("refused");
        assertThat(chain.downstream().of(d -> messageId.equals(d.messageId()))).isEmpty();
    }
}
