package io.sqsextended.chain.local;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness in local mode: the data disk has room above the reserve and the message store takes writes. */
final class LocalStorageCheck extends AbstractHealthCheck {

    private final Supplier<Optional<String>> problem;

    LocalStorageCheck(Supplier<Optional<String>> problem) {
        super("chain", "local-storage");
        this.problem = problem;
    }

    /** Not a liveness check: the stack recovers by itself once space is freed, a restart would not help. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        problem.get().ifPresentOrElse(reason -> builder.message("local storage failing: " + reason).down(),
                builder::up);
    }
}
