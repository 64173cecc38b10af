package io.sqsextended.chain.local.faults;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The latency and faults one embedded service injects into its requests: drawn for each request from what is set
 * now, so that a change (over JMX, {@code LocalAws.latency}/{@code faults}) applies from the next request on.
 */
public final class FaultInjection {

    private final LongSupplier delayNanos;
    private final IntSupplier faultStatus;

    public FaultInjection(LongSupplier delayNanos, IntSupplier faultStatus) {
        this.delayNanos = delayNanos;
        this.faultStatus = faultStatus;
    }

    /** This request's delay in nanoseconds, 0 for none. */
    public long delayNanos() {
        return delayNanos.getAsLong();
    }

    /** The status to answer instead of handling this request, or 0 to handle it. */
    public int faultStatus() {
        return faultStatus.getAsInt();
    }
}
