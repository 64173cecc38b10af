package io.sqsextended.chain.consumer;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.consumer.events.PayloadRefusedException;
import io.sqsextended.chain.consumer.idempotency.IdempotencyStoreUnavailableException;
import io.sqsextended.chain.consumer.payload.ChecksumMismatchException;
import io.sqsextended.chain.consumer.payload.S3ObjectStream;
import io.sqsextended.chain.tracing.PayloadTrace;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Failure handling of the consumer chain and of downstream routes that opt in with
 * {@code routeConfigurationId: chain-errors}: redelivery with exponential backoff, then the original SQS message
 * on the dead-letter queue; only then is the source message deleted. If that send fails, the exchange fails and
 * the source message stays on the queue (SQS redelivers it, and redrives it after maxReceiveCount).
 * <p>
 * A failed exchange waits for its redelivery without a thread: the delay is scheduled on the workers, which then
 * run the redelivery, so that failing payloads never keep good ones waiting.
 */
public class ConsumerErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "chain-errors";
    public static final String DEAD_LETTER_ENDPOINT = "direct:chain-dead-letter";
    /**
     * Deliveries waiting for the shared store try again at least this often, so that they go on soon after it is back.
     */
    private static final long STORE_RETRY_MAX_DELAY_MILLIS = 5000;

    @Override
    public void configuration() {
        ConsumerSettings.Redelivery redelivery = ChainConfig.of(getContext()).get(ConsumerSettings.GROUP).redelivery();
        routeConfiguration(ID)
                .errorHandler(deadLetterChannel(DEAD_LETTER_ENDPOINT)
                        .deadLetterHandleNewException(false)
                        .useOriginalMessage()
                        .maximumRedeliveries(redelivery.maxAttempts())
                        .redeliveryDelay(redelivery.initialDelay())
                        .useExponentialBackOff()
                        .backOffMultiplier(redelivery.multiplier())
                        .maximumRedeliveryDelay(redelivery.maxDelay())
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .asyncDelayedRedelivery()
                        .executorService(ConsumerConfiguration.workers(getContext()))
                        .onExceptionOccurred(ConsumerErrorHandling::attemptFailed)
                        .onRedelivery(exchange -> {
                            PollGate.redelivering(exchange);
                            PayloadTrace.redelivering(exchange);
                        }))
                // no retry can help these: straight to the dead-letter queue
                .onException(PayloadRefusedException.class, ChecksumMismatchException.class)
                    .maximumRedeliveries(0)
                    .useOriginalMessage()
                .end()
                // the shared store is away, not the payload at fault: the delivery waits (logged once, readiness DOWN)
                .onException(IdempotencyStoreUnavailableException.class)
                    .maximumRedeliveries(-1)
                    .maximumRedeliveryDelay(Math.min(redelivery.maxDelay(), STORE_RETRY_MAX_DELAY_MILLIS))
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .useOriginalMessage();
    }

    /**
     * Counts the failed attempt (the redelivery headers are gone once the dead-letter channel takes over) and lets the
     * exchange wait: out of the gate's count in flight, and without the S3 connection of its payload (the redelivery
     * reads it again from the first byte).
     */
    private static void attemptFailed(Exchange exchange) {
        exchange.setProperty(DeadLetterSender.ATTEMPTS_PROPERTY, exchange.getIn()
                .getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class));
        PollGate.waiting(exchange);
        if (exchange.getIn().getBody() instanceof S3ObjectStream payload) {
            payload.discard();
        }
    }
}
