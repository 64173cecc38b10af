package io.sqsextended.chain.consumer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import javax.management.ObjectName;

import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.Queues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import static io.sqsextended.chain.testkit.Queues.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Several source queues ({@code chain.consumer.queues}) under one downstream: each consumed by a route of its own,
 * each one's poison messages on the dead-letter queue its RedrivePolicy names. The app starts with its consumer off,
 * the test creates the queues, then starts their routes (whose start reads the queues).
 */
class SeveralQueuesTest {

    static final String ORDERS = "orders-" + UUID.randomUUID();
    static final String INVOICES = "invoices-" + UUID.randomUUID();

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().recordingDownstream()
            .property(ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "0")
            .afterStart(c -> c.downstream().failWhen = subject -> subject.startsWith("poison"))
            .startInTest();

    @Test
    void twoQueuesAreConsumedUnderOneDownstreamAndEachPoisonMessageEndsOnItsOwnDeadLetterQueue() throws Exception {
        chain.property(ConsumerSettings.QUEUES.name(), ORDERS + "," + INVOICES).start();
        Queues orders = Queues.create(chain.sqs(), ORDERS, 5);
        Queues invoices = Queues.create(chain.sqs(), INVOICES, 5);
        startRoutes();

        orders.send("an order");
        invoices.send("an invoice");
        String poisonOrder = orders.send("poison order");
        String poisonInvoice = invoices.send("poison invoice");

        await().until(() -> chain.downstream().deliveries().stream().map(d -> d.text()).toList(),
                texts -> texts.containsAll(java.util.List.of("an order", "an invoice")));
        Message orderDeadLetter = orders.awaitDeadLetter(m -> poisonOrder.equals(Queues.originalId(m)));
        Message invoiceDeadLetter = invoices.awaitDeadLetter(m -> poisonInvoice.equals(Queues.originalId(m)));
        assertThat(orderDeadLetter.body()).isEqualTo("poison order");
        assertThat(attribute(orderDeadLetter, DeadLetterSender.ERROR_REASON)).isEqualTo("failed");
        assertThat(invoiceDeadLetter.body()).isEqualTo("poison invoice");
        assertThat(orders.deadLetters(m -> poisonInvoice.equals(Queues.originalId(m)))).isEmpty();
    }

    @Test
    void eachQueueHasItsOwnRouteCountersAndReadinessCheck() throws Exception {
        chain.property(ConsumerSettings.QUEUES.name(), ORDERS + "," + INVOICES).start();
        Queues orders = Queues.create(chain.sqs(), ORDERS, 5);
        Queues.create(chain.sqs(), INVOICES, 5);
        startRoutes();

        orders.send("an order");
        orders.send("another order");
        await().until(() -> chain.downstream().deliveries().size() == 2);

        @SuppressWarnings("unchecked")
        Map<String, Long> delivered = (Map<String, Long>) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.sqsextended:type=Chain"), "PayloadsDeliveredByQueue");
        assertThat(delivered).containsExactly(Map.entry(ORDERS, 2L), Map.entry(INVOICES, 0L));
        assertThat(get("/observe/metrics")).contains("chain_payloads_delivered_total{queue=\"" + ORDERS + "\"} 2.0",
                "chain_payloads_delivered_total{queue=\"" + INVOICES + "\"} 0.0");
        assertThat(get("/observe/health/ready?exposureLevel=full")).contains("sqs-" + ORDERS, "sqs-" + INVOICES);
    }

    @Test
    void aSourceQueueThatDoesNotExistRefusesTheStartNamingIt() {
        String missing = "missing-" + UUID.randomUUID();
        chain.property(ConsumerSettings.ENABLED.name(), "true").property(ConsumerSettings.QUEUES.name(), missing);

        assertThatThrownBy(chain::start).satisfies(failure -> assertThat(messages(failure))
                .contains("Source queue " + missing + " does not exist"));
    }

    @Test
    void aSourceQueueWithoutARedrivePolicyRefusesItsStartNamingIt() throws Exception {
        String bare = "bare-" + UUID.randomUUID();
        chain.property(ConsumerSettings.QUEUES.name(), bare).start();
        chain.sqs().createQueue(r -> r.queueName(bare));

        assertThatThrownBy(() -> chain.context().getRouteController().startRoute(routeId(bare)))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("Source queue " + bare + " has no RedrivePolicy"));
    }

    private void startRoutes() throws Exception {
        chain.context().getRouteController().startRoute(routeId(ORDERS));
        chain.context().getRouteController().startRoute(routeId(INVOICES));
    }

    /** Queues other than the notification queue are consumed by {@code chain-consume-<queue name>}. */
    private static String routeId(String queue) {
        return ConsumerRoutes.CONSUME_ROUTE + "-" + queue;
    }

    private String get(String path) throws Exception {
        URI uri = chain.management().resolve(path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The messages of a failure and its causes, one per line. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
