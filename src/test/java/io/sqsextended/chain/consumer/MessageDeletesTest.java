package io.sqsextended.chain.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.wire.AwsClients;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer's own deletes: batched, after the exchange completed, followed by the objects' cleanup. */
class MessageDeletesTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static SqsClient sqs;

    CamelContext context;
    String queueUrl;
    final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();
    MessageDeletes deletes;

    /** The deletes' client: the stack's SQS over an HTTP client that counts the DeleteMessageBatch calls. */
    static SqsClient deleting;
    static final AtomicInteger deleteCalls = new AtomicInteger();

    @BeforeAll
    static void startStack() {
        local = stack.local();
        sqs = stack.sqs();
        SdkHttpClient http = AwsClients.httpClient(4);
        deleting = AwsClients.sqs(local.clientSettings(), new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                if (request.httpRequest().firstMatchingHeader("X-Amz-Target")
                        .filter("AmazonSQS.DeleteMessageBatch"::equals).isPresent()) {
                    deleteCalls.incrementAndGet();
                }
                return http.prepareRequest(request);
            }

            @Override
            public void close() {
                http.close();
            }
        });
    }

    @AfterAll
    static void closeClient() {
        deleting.close();
    }

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        queueUrl = sqs.createQueue(r -> r.queueName("deletes-" + System.nanoTime())).queueUrl();
        Function<Exchange, Runnable> afterDelete = exchange -> ()
                -> cleanedUp.add(exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class));
        deletes = new MessageDeletes(context, deleting, () -> queueUrl, false, afterDelete);
        context.addService(deletes);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theMessagesOfCompletedExchangesLeaveTheQueueAndTheirCleanupRuns() {
        List<Exchange> exchanges = receive(25);

        exchanges.forEach(exchange -> complete(exchange, true));

        await().until(() -> pending() == 0);
        await().until(() -> cleanedUp.size() == 25);
    }

    @Test
    void messagesCompletedWhileABatchFillsShareOneDelete() throws InterruptedException {
        List<Exchange> exchanges = receive(10);
        int callsBefore = deleteCalls.get();

        for (Exchange exchange : exchanges.subList(0, 9)) {
            complete(exchange, true);
        }
        // longer than the linger once was (20 ms), shorter than it is: the batch waits for its tenth message
        Thread.sleep(60);
        complete(exchanges.get(9), true);

        await().until(() -> cleanedUp.size() == 10);
        assertThat(deleteCalls.get() - callsBefore).isEqualTo(1);
    }

    @Test
    void theMessageOfAFailedExchangeStaysOnTheQueue() {
        List<Exchange> exchanges = receive(3);

        complete(exchanges.get(0), true);
        complete(exchanges.get(1), false);
        complete(exchanges.get(2), true);

        await().until(() -> cleanedUp.size() == 2);
        assertThat(pending()).isEqualTo(1);
        assertThat(cleanedUp).doesNotContain(exchanges.get(1).getIn()
                .getHeader(Sqs2Constants.MESSAGE_ID, String.class));
    }

    @Test
    void aMessageThatCouldNotBeDeletedKeepsItsObjects() {
        Exchange valid = receive(1).get(0);
        Exchange stale = new DefaultExchange(context);
        stale.getIn().setHeader(Sqs2Constants.MESSAGE_ID, "stale");
        stale.getIn().setHeader(Sqs2Constants.RECEIPT_HANDLE, "not-a-receipt-handle");
        deletes.register(stale);

        complete(stale, true);
        complete(valid, true);

        await().until(() -> cleanedUp.contains(valid.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class)));
        assertThat(cleanedUp).doesNotContain("stale");
    }

    @Test
    void theReceiptHandleIsTakenWhenTheMessageArrivesNotWhenItCompletes() {
        Exchange exchange = receive(1).get(0);
        // a downstream route may drop or replace the SQS headers
        exchange.getIn().removeHeader(Sqs2Constants.RECEIPT_HANDLE);

        complete(exchange, true);

        await().until(() -> pending() == 0);
    }

    @Test
    void aStopDeletesWhatCompletedBeforeIt() {
        List<Exchange> exchanges = receive(3);
        exchanges.forEach(exchange -> complete(exchange, true));

        context.stop();

        assertThat(pending()).isZero();
        assertThat(cleanedUp).hasSize(3);
    }

    /** Sends and receives {@code count} messages, each registered with the deletes as the route does. */
    private List<Exchange> receive(int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("message " + n));
        }
        List<Exchange> exchanges = new ArrayList<>();
        while (exchanges.size() < count) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getIn().setHeader(Sqs2Constants.MESSAGE_ID, message.messageId());
                exchange.getIn().setHeader(Sqs2Constants.RECEIPT_HANDLE, message.receiptHandle());
                deletes.register(exchange);
                exchanges.add(exchange);
            }
        }
        return exchanges;
    }

    /** What Camel's unit of work does when the exchange is done. */
    private static void complete(Exchange exchange, boolean success) {
        for (Synchronization synchronization : exchange.getExchangeExtension().handoverCompletions()) {
            if (success) {
                synchronization.onComplete(exchange);
            } else {
                synchronization.onFailure(exchange);
            }
        }
    }

    private int pending() {
        return Queues.pending(sqs, queueUrl);
    }
}
