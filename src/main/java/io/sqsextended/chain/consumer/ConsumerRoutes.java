package io.sqsextended.chain.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.consumer.delivery.DownstreamCall;
import io.sqsextended.chain.consumer.delivery.FailureReason;
import io.sqsextended.chain.consumer.events.IncomingMessage;
import io.sqsextended.chain.consumer.events.MessageParser;
import io.sqsextended.chain.consumer.events.PayloadReference;
import io.sqsextended.chain.consumer.events.SnsSignatures;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.consumer.payload.ObjectCleanup;
import io.sqsextended.chain.consumer.payload.PayloadResolver;
import io.sqsextended.chain.consumer.queues.FifoEndpoint;
import io.sqsextended.chain.consumer.queues.SourceQueue;
import io.sqsextended.chain.consumer.queues.SourceQueues;
import io.sqsextended.chain.tracing.PayloadTrace;
import io.sqsextended.chain.wire.QueueUrl;
import io.sqsextended.chain.wire.SqsLimits;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.ExpressionAdapter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The consumer chain: a consume route per source queue (a poller per 10 of the {@code chain.consumer.concurrency}
 * workers, whom all queues share), parser, per payload an idempotent delivery (resolve, downstream, cleanup), batched
 * deletes, and the dead-letter route of {@link ConsumerErrorHandling}.
 */
public class ConsumerRoutes extends EndpointRouteBuilder {

    public static final String CONSUME_ROUTE = "chain-consume";
    public static final String DELIVER_ROUTE = "chain-deliver";
    public static final String DEAD_LETTER_ROUTE = "chain-dead-letter";
    /** Registry name of the {@link SourceQueues}, which operations read. */
    public static final String SOURCE_QUEUES = "chainSourceQueues";

    /** The most messages one ReceiveMessage returns. */
    private static final int MAX_RECEIVE = SqsLimits.MAX_BATCH_ENTRIES;
    static final String REFERENCES = "ChainPayloadReferences";
    static final String REFERENCE = "ChainPayloadReference";
    static final String IDEMPOTENCY_KEY = "ChainIdempotencyKey";
    /** The loop's count: read directly, not by the simple language's OGNL (a bean invocation per message). */
    private static final Expression REFERENCE_COUNT = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            return exchange.getProperty(REFERENCES, List.class).size();
        }
    };

    @Override
    public void configure() throws Exception {
        ChainConfig config = ChainConfig.of(getContext());
        ConsumerSettings settings = config.get(ConsumerSettings.GROUP);
        TrustSettings trust = config.get(TrustSettings.GROUP);
        SqsClient sqs = getContext().getRegistry().findSingleByType(SqsClient.class);
        ConsumerSettings.Polling polling = settings.polling();
        MessageParser parser = new MessageParser(trust.allowedBuckets(), trust.pointerGrants(),
                trust.verifySnsSignatures() ? SnsSignatures.fromSns() : SnsSignatures.OFF);
        PayloadResolver resolver = new PayloadResolver(getContext().getRegistry().findSingleByType(S3Client.class),
                getContext().getRegistry().findSingleByType(S3Presigner.class), settings.delivery().downloadUrlTtl(),
                settings.delivery().fetchPayload(), settings.delivery().replayBuffer(), settings.delivery().cleanup());
        SourceQueues queues = new SourceQueues(sqs, polling.queues(), config.resources().queue(),
                config.resources().deadLetterQueue(), CONSUME_ROUTE, polling.visibilityTimeout());
        getContext().getRegistry().bind(SOURCE_QUEUES, queues);
        // nothing here asks SQS, which local mode is still starting: each queue is read when its consumer starts
        getContext().addLifecycleStrategy(queues);
        // the next receive is under way before the workers run dry: at most 2 x concurrency processed before it
        PollGate gate = new PollGate(2 * polling.concurrency(), settings.redelivery().maxWaiting());
        ScheduledExecutorService workers = ConsumerConfiguration.workers(getContext());
        // threads for the calls of all workers, and as many again for calls left behind at their timeout
        DownstreamCall downstream = new DownstreamCall(getContext(), settings.routes().downstreamUri(),
                settings.delivery().downstreamTimeout(), 2 * polling.concurrency(), workers);
        for (SourceQueue queue : queues.all()) {
            MessageDeletes deletes = new MessageDeletes(getContext(), sqs, queue.url(), queue.fifo(),
                    ObjectCleanup::afterDelete);
            getContext().addService(deletes);
            consume(queue, sqs, config, settings, gate, deletes, workers, parser);
        }

        Duplicates duplicates = new Duplicates(
                getContext().getRegistry().lookupByName(ConsumerConfiguration.IDEMPOTENT_REPOSITORY));
        from(direct(DELIVER_ROUTE))
                .routeId(DELIVER_ROUTE)
                .routeConfigurationId(ConsumerErrorHandling.ID)
                .process(PayloadTrace.deliveryStarts(getContext(), ConsumerRoutes::selectReference))
                // a per-instance store keeps a key once its exchange completed (a crash before that delivers again);
                // the shared store claims it first, so that of two instances given the payload at once one delivers it
                .idempotentConsumer(exchangeProperty(IDEMPOTENCY_KEY))
                    .idempotentRepository(ConsumerConfiguration.IDEMPOTENT_REPOSITORY)
                    .eager(duplicates.claimsFirst())
                    .process(PayloadTrace.resolveStarts(getContext(),
                            exchange -> resolver.resolve(exchange, reference(exchange))))
                    .process(PayloadTrace.aroundDownstream(getContext(), downstream))
                    .process(exchange -> resolver.scheduleCleanup(exchange, reference(exchange)))
                .end()
                .process(duplicates);

        // no error handler of its own: a failed send fails the exchange, and the source message stays on the queue
        from(ConsumerErrorHandling.DEAD_LETTER_ENDPOINT)
                .routeId(DEAD_LETTER_ROUTE)
                .errorHandler(noErrorHandler())
                .process(PayloadTrace.aroundDeadLetter(getContext(),
                        new DeadLetterSender(sqs, new QueueUrl(sqs, config.resources().deadLetterQueue())),
                        cause -> FailureReason.of(cause).code()));
    }

    /** The route that consumes one queue: receives, then each message on the workers, parsed and delivered. */
    private void consume(SourceQueue queue, SqsClient sqs, ChainConfig config, ConsumerSettings settings,
            PollGate gate, MessageDeletes deletes, ScheduledExecutorService workers, MessageParser parser) {
        ConsumerSettings.Polling polling = settings.polling();
        RouteDefinition route = queue.fifo()
                // each group's messages one at a time, in order; as many held as the standard queues' gate admits
                ? from(new FifoEndpoint(getContext(), queue, sqs, polling.waitTimeSeconds(), 2 * polling.concurrency(),
                        MessageDeletes::staysOnQueue))
                : from(standardQueue(queue, config, polling, gate));
        route.routeId(queue.routeId())
                .routeConfigurationId(ConsumerErrorHandling.ID)
                .autoStartup(settings.enabled())
                // one step, not three: Camel's error handler copies the exchange before every step; none of these fails
                .process(exchange -> {
                    exchange.setProperty(SourceQueue.PROPERTY, queue);
                    gate.admit(exchange);
                    deletes.register(exchange);
                })
                // a standard queue's receive is handed over at once, so Camel renews the visibility of all of it
                .threads().executorService(workers)
                .process(exchange -> exchange.setProperty(REFERENCES,
                        PayloadTrace.inSpan(exchange, "parse", () -> parser.parse(incoming(exchange)))))
                // the loop keeps one exchange: one unit of work, so the dead letter is the original SQS message
                .loop(REFERENCE_COUNT)
                    .to(direct(DELIVER_ROUTE))
                .end();
    }

    /** A standard queue through Camel's aws2-sqs consumer. */
    private EndpointConsumerBuilder standardQueue(SourceQueue queue, ChainConfig config,
            ConsumerSettings.Polling polling, PollGate gate) {
        Sqs2EndpointBuilder endpoint = aws2Sqs(queue.name());
        String url = queueUrl(config, queue);
        if (url != null) {
            endpoint.queueUrl(url);
        }
        // queue attributes (visibility, wait, redrive) are the template's: no option here calls SetQueueAttributes
        return endpoint
                .waitTimeSeconds(polling.waitTimeSeconds())
                // pollers of their own, not one poll of parallel receives: a receive's messages wait for no other's
                .concurrentConsumers(polling.pollers())
                .maxMessagesPerPoll(MAX_RECEIVE)
                .greedy(true)
                // SQS unreachable: after 3 failed polls in a row, skip 20 (about 10 s), not 2 log events a second
                .backoffErrorThreshold(3)
                .backoffMultiplier(20)
                .extendMessageVisibility(true)
                // required with the renewals; the queue's own replaces the default at start (SourceQueues)
                .visibilityTimeout(queue.visibilitySeconds())
                // MessageDeletes deletes them, in batches
                .deleteAfterRead(false)
                .attributeNames("All")
                .messageAttributeNames("All")
                .advanced().pollStrategy(gate);
    }

    /** The endpoint needs the URL before the route starts: one the configuration does not know is looked up now. */
    private String queueUrl(ChainConfig config, SourceQueue queue) {
        String known = config.resources().queueUrl();
        if (known != null) {
            // local mode's queues share the notification queue's address (its SQS is still starting)
            return known.substring(0, known.lastIndexOf('/') + 1) + queue.name();
        }
        try {
            return queue.url().get();
        } catch (QueueDoesNotExistException e) {
            throw queue.doesNotExist(e);
        } catch (SdkException e) {
            // the endpoint looks the queue up again as it starts, and fails there if it must
            log.warn("Cannot look queue {} up now: {}", queue.name(), e.getMessage());
            return null;
        }
    }

    private static IncomingMessage incoming(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, MessageAttributeValue> attributes = exchange.getIn()
                .getHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, Map.class);
        @SuppressWarnings("unchecked")
        Map<MessageSystemAttributeName, String> system = exchange.getIn()
                .getHeader(Sqs2Constants.ATTRIBUTES, Map.of(), Map.class);
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new IncomingMessage(exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class),
                exchange.getIn().getBody(String.class), attributes,
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
    }

    private static void selectReference(Exchange exchange) {
        List<?> references = exchange.getProperty(REFERENCES, List.class);
        PayloadReference reference = (PayloadReference) references.get(
                exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class));
        exchange.setProperty(REFERENCE, reference);
        exchange.setProperty(IDEMPOTENCY_KEY, reference.idempotencyKey());
        exchange.removeProperty(Exchange.DUPLICATE_MESSAGE);
    }

    private static PayloadReference reference(Exchange exchange) {
        return exchange.getProperty(REFERENCE, PayloadReference.class);
    }
}
