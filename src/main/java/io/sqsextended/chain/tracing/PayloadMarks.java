package io.sqsextended.chain.tracing;

import java.time.Instant;

import io.opentelemetry.context.Context;
import org.apache.camel.Exchange;

/**
 * A payload's trace state on its exchange: when its delivery and its resolve began, and its trace once the GET told it.
 * One property, made anew for each payload, not three: Camel's error handler copies the exchange's properties before
 * every step. Its copies share it, as they would see the exchange's own properties: a redelivery restores only the
 * message.
 */
final class PayloadMarks {

    private static final String PROPERTY = "ChainTracePayload";

    final Instant deliveryStarted = Instant.now();
    Instant resolveStarted;
    Context trace;

    private PayloadMarks() {
    }

    /** Marks the start of a payload's delivery on its exchange (the one before, if any, is forgotten). */
    static void start(Exchange exchange) {
        exchange.setProperty(PROPERTY, new PayloadMarks());
    }

    /** The payload's marks; null before its delivery began. */
    static PayloadMarks of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, PayloadMarks.class);
    }
}
