package io.sqsextended.chain.local.faults;

import java.util.function.Supplier;

import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;

/** The latency and faults local mode injects now, read for each request by the embedded S3 and SQS, changed while running. */
final class FaultInjection {

    private volatile ByService<Latency> latency;
    private volatile ByService<Fault> faults;

    FaultInjection(ByService<Latency> latency, ByService<Fault> faults) {
        this.latency = latency;
        this.faults = faults;
    }

    ByService<Latency> latency() {
        return latency;
    }

    void latency(ByService<Latency> latency) {
        this.latency = latency;
    }

    ByService<Fault> faults() {
        return faults;
    }

    void faults(ByService<Fault> faults) {
        this.faults = faults;
    }

    Service s3() {
        return new Service(() -> latency.s3(), () -> faults.s3());
    }

    Service sqs() {
        return new Service(() -> latency.sqs(), () -> faults.sqs());
    }

    /** What one service's requests get: read at each request, so that a change applies to the next one. */
    record Service(Supplier<Latency> latency, Supplier<Fault> fault) {

        long delayNanos() {
            return latency.get().drawNanos();
        }

        /** The status to answer instead of handling this request, or 0 to handle it. */
        int faultStatus() {
            Fault current = fault.get();
            return current.strikes() ? current.status() : 0;
        }
    }
}
