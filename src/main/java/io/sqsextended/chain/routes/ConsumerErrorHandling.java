package io.sqsextended.chain.routes;

import io.sqsextended.chain.events.PayloadRefusedException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Failure handling of the consumer chain and of downstream routes that opt in with
 * {@code routeConfigurationId: chain-errors}: redelivery with exponential backoff, then the original SQS message
 * on the dead-letter queue; only then is the source message deleted. If that send fails, the exchange fails and
 * the source message stays on the queue (SQS redelivers it, and redrives it after maxReceiveCount).
 */
public class ConsumerErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "chain-errors";
    public static final String DEAD_LETTER_ENDPOINT = "direct:chain-dead-letter";

    @Override
    public void configuration() {
        ConsumerSettings.Redelivery redelivery = ConsumerSettings.from(getContext()).redelivery();
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
                        .onExceptionOccurred(ConsumerErrorHandling::countAttempt))
                // no retry can help these: straight to the dead-letter queue
                .onException(PayloadRefusedException.class)
                    .maximumRedeliveries(0)
                    .useOriginalMessage();
    }

    /** The redelivery headers are gone once the dead-letter channel takes over: keep the count (of failed attempts) in a property. */
    private static void countAttempt(Exchange exchange) {
        exchange.setProperty(DeadLetterSender.ATTEMPTS_PROPERTY, exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class));
    }
}
