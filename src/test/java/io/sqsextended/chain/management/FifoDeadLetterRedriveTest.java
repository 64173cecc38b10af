package io.sqsextended.chain.management;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Dead-letter operations per source queue, a FIFO queue's included: the template's FIFO queue (local mode's
 * {@code FifoQueueName}) consumed beside the notification queue, its poison messages on its FIFO dead-letter queue,
 * counted and redriven for that queue. Bodies are {@code <group> <number> <run>}.
 */
class FifoDeadLetterRedriveTest {

    static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    static final String STACK = "redrive";
    /** The template names the notification queue {@code <stack>-notifications}. */
    static final String NOTIFICATIONS = STACK + "-notifications";
    static final String FIFO = "orders.fifo";
    static final String FIFO_DEAD_LETTERS = "orders-dlq.fifo";

    /** The payloads the downstream refuses now. */
    static volatile Set<String> poisoned = Set.of();

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream()
            .properties(Map.of(ChainKeys.LOCAL_STACK_NAME.name(), STACK,
                    ChainKeys.LOCAL_PARAMETERS.name() + "FifoQueueName", FIFO,
                    ConsumerSettings.QUEUES.name(), NOTIFICATIONS + "," + FIFO,
                    ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "0",
                    ConsumerSettings.WAIT_TIME_SECONDS.name(), "1"))
            .afterStart(c -> c.downstream().failWhen = subject -> poisoned.contains(subject));

    @Test
    void aFifoQueuesDeadLettersCountForItsQueueAndGoBackToTheirGroupAfterWhatItDeliveredMeanwhileInTheirOrder()
            throws Exception {
        Queues fifo = new Queues(chain.sqs(), FIFO, FIFO_DEAD_LETTERS);
        String run = UUID.randomUUID().toString();
        poisoned = Set.of("A 1 " + run, "A 3 " + run);
        IntStream.rangeClosed(1, 4).forEach(i -> fifo.sendToGroup(chain.sqs(), "A", "A " + i + " " + run));
        await().until(() -> chain.downstream().groupOrder("A", run).size() == 2 && depthByQueue().get(FIFO) == 2);

        assertThat(chain.downstream().groupOrder("A", run)).containsExactly(2, 4);
        assertThat(depthByQueue()).containsExactly(Map.entry(NOTIFICATIONS, 0L), Map.entry(FIFO, 2L));
        assertThat(metrics()).contains("chain_dead_letter_queue_depth{queue=\"" + FIFO + "\"} 2.0",
                "chain_dead_letter_queue_depth{queue=\"" + NOTIFICATIONS + "\"} 0.0");

        poisoned = Set.of();
        Object redriven = JMX.invoke(mbean(), "redriveDeadLettersOf", new Object[] {FIFO, 10},
                new String[] {String.class.getName(), "int"});

        assertThat(redriven).isEqualTo(2);
        await().until(() -> chain.downstream().groupOrder("A", run).size() == 4);
        fifo.awaitNothingPending();
        assertThat(chain.downstream().groupOrder("A", run)).as("the group's deliveries, each once")
                .containsExactly(2, 4, 1, 3);
        RecordingDownstream.Attempt again = chain.downstream().of(a -> a.delivered()
                && a.text().equals("A 1 " + run)).get(0);
        assertThat(again.header("MessageGroupId")).isEqualTo("A");
        assertThat(again.headers()).doesNotContainKeys(DeadLetterSender.FAILURE_ATTRIBUTES.toArray(String[]::new));
        assertThat(depthByQueue()).containsEntry(FIFO, 0L);
    }

    @Test
    void aRedriveOfAQueueTheChainDoesNotConsumeIsRefusedNamingTheQueuesItConsumes() {
        assertThatThrownBy(() -> JMX.invoke(mbean(), "redriveDeadLettersOf", new Object[] {"invoices.fifo", 10},
                new String[] {String.class.getName(), "int"}))
                .isInstanceOf(RuntimeMBeanException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a queue the chain consumes: invoices.fifo")
                .hasMessageContaining("[" + NOTIFICATIONS + ", " + FIFO + "]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> depthByQueue() throws Exception {
        return (Map<String, Long>) JMX.getAttribute(mbean(), "DeadLetterQueueDepthByQueue");
    }

    private static ObjectName mbean() throws Exception {
        return new ObjectName(ChainOperations.OBJECT_NAME);
    }

    private static String metrics() throws Exception {
        URI uri = chain.management().resolve("/observe/metrics");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
