package io.sqsextended.chain.management;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.sqsextended.chain.consumer.queues.SourceQueue;
import io.sqsextended.chain.wire.PayloadHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what reaches the downstream route and the dead-letter route, per source queue, from Camel's exchange-sent
 * events, and logs one line per delivered payload (whatever the downstream route logs itself).
 */
final class ChainCounters extends EventNotifierSupport {

    private static final Logger DELIVERIES = LoggerFactory.getLogger("io.sqsextended.chain.delivery");

    /** What one queue's messages came to (the totals are the sum over the queues). */
    static final class Counts {
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
    }

    /** Counts by source queue; an exchange of no consume route (a test's, a user's timer) counts under "". */
    private final Map<String, Counts> byQueue = new ConcurrentHashMap<>();
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
        Counts counts = of(exchange);
        if (uri.equals(downstreamUri)) {
            // a downstream route with the chain's error handler handles its own failure: not failed, but caught
            if (exchange.isFailed() || exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT) != null) {
                counts.failures.incrementAndGet();
            } else {
                long size = exchange.getMessage().getHeader(PayloadHeaders.SIZE, 0L, Long.class);
                counts.delivered.incrementAndGet();
                counts.bytes.addAndGet(size);
                DELIVERIES.info("Delivered {} {} ({} bytes) in {} ms", exchange.getMessage()
                        .getHeader(PayloadHeaders.SOURCE),
                        exchange.getMessage().getHeader(PayloadHeaders.KEY), size, sent.getTimeTaken());
            }
        } else if (uri.equals(deadLetterUri) && !exchange.isFailed()) {
            counts.deadLettered.incrementAndGet();
        }
    }

    /** The counts of a queue (zero until its first message). */
    Counts queue(String name) {
        return byQueue.computeIfAbsent(name, n -> new Counts());
    }

    /** One counter summed over the queues. */
    long total(Function<Counts, AtomicLong> counter) {
        return byQueue.values().stream().mapToLong(counts -> counter.apply(counts).get()).sum();
    }

    private Counts of(Exchange exchange) {
        SourceQueue source = SourceQueue.of(exchange);
        return queue(source == null ? "" : source.name());
    }
}
