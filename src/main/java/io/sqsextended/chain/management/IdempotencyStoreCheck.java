package io.sqsextended.chain.management;

import java.util.Map;
import java.util.function.Supplier;

import io.sqsextended.chain.consumer.idempotency.StoreHealth;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the consumer's idempotency store records delivered keys (the file or the shared database; a repository of
 * the user's: not checked).
 */
final class IdempotencyStoreCheck extends AbstractHealthCheck {

    private final Supplier<Object> repository;

    /** @param repository looks the repository up when probed: it is bound after this check */
    IdempotencyStoreCheck(Supplier<Object> repository) {
        super("chain", "idempotency-store");
        this.repository = repository;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (repository.get() instanceof StoreHealth store) {
            builder.detail("store", store.location());
            String problem = store.problem();
            if (problem != null) {
                builder.message(problem).down();
                return;
            }
        }
        builder.up();
    }
}
