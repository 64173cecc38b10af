package io.sqsextended.chain.management;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the payload bucket or the notification queue answers. Not a liveness check: a restart wouldn't help. */
final class AwsReachableCheck extends AbstractHealthCheck {

    private final Supplier<String> probe;

    /** @param probe calls AWS and returns the resource it reached; throws when it can't */
    AwsReachableCheck(String id, Supplier<String> probe) {
        super("chain", id);
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            builder.detail("resource", probe.get());
            builder.up();
        } catch (RuntimeException e) {
            builder.message(getId() + " unreachable: " + e.getClass().getSimpleName()).down();
        }
    }
}
