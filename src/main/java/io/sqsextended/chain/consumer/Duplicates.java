package io.sqsextended.chain.consumer;

import io.sqsextended.chain.consumer.idempotency.SharedIdempotencyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the idempotent consumer, a payload it did not deliver (nothing for one it delivered): a duplicate of a
 * delivered one is skipped (its message deleted); one that another delivery holds in the shared store keeps its
 * message on the queue, which hands it out again after its visibility timeout: by then the holder delivered it (skipped
 * then), failed (its claim released), or died (its claim timed out), and nothing is lost in any case.
 */
final class Duplicates implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Duplicates.class);

    /** Null for a store of one instance: there, a key is stored once delivered, so a duplicate was delivered. */
    private final SharedIdempotencyStore shared;

    Duplicates(Object repository) {
        this.shared = repository instanceof SharedIdempotencyStore store ? store : null;
    }

    /**
     * Whether the idempotent consumer claims each key before the downstream is called (eager), or stores it once
     * delivered.
     */
    boolean claimsFirst() {
        return shared != null;
    }

    @Override
    public void process(Exchange exchange) {
        if (!exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
            return;
        }
        String key = exchange.getProperty(ConsumerRoutes.IDEMPOTENCY_KEY, String.class);
        String messageId = exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        if (shared != null && !shared.delivered(key)) {
            MessageDeletes.keep(exchange);
            LOG.info("Payload {} is held by another delivery: message {} stays on the queue "
                    + "and comes back after its visibility timeout", key, messageId);
        } else {
            LOG.info("Skipped duplicate {} (message {})", key, messageId);
        }
    }
}
