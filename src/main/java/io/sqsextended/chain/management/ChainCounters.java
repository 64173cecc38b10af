package io.sqsextended.chain.management;

import java.util.concurrent.atomic.AtomicLong;

import io.sqsextended.chain.wire.PayloadHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what reaches the downstream route and the dead-letter route, from Camel's exchange-sent events, and logs
 * one line per delivered payload (whatever the downstream route logs itself).
 */
final class ChainCounters extends EventNotifierSupport {

    private static final Logger DELIVERIES = LoggerFactory.getLogger("io.sqsextended.chain.delivery");

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final String downstreamUri;
    private final String deadLetterUri;

    ChainCounters(String downstreamUri, String deadLetterUri) {
        this.downstreamUri = downstreamUri;
        this.deadLetterUri = deadLetterUri;
        setIgnoreExchangeEvents(false);
        setIgnoreExchangeSentEvents(false);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        String uri = sent.getEndpoint().getEndpointUri();
        Exchange exchange = sent.getExchange();
        if (uri.equals(downstreamUri)) {
            // a downstream route with the chain's error handler handles its own failure: not failed, but caught
            if (exchange.isFailed() || exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT) != null) {
                failures.incrementAndGet();
            } else {
                long size = exchange.getMessage().getHeader(PayloadHeaders.SIZE, 0L, Long.class);
                delivered.incrementAndGet();
                bytes.addAndGet(size);
                DELIVERIES.info("Delivered {} {} ({} bytes) in {} ms", exchange.getMessage()
                        .getHeader(PayloadHeaders.SOURCE),
                        exchange.getMessage().getHeader(PayloadHeaders.KEY), size, sent.getTimeTaken());
            }
        } else if (uri.equals(deadLetterUri) && !exchange.isFailed()) {
            deadLettered.incrementAndGet();
        }
    }
}
