package io.sqsextended.chain.local.sqs;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.pekko.actor.OneForOneStrategy;
import org.apache.pekko.actor.SupervisorStrategy;
import org.apache.pekko.actor.SupervisorStrategyConfigurator;
import org.apache.pekko.japi.pf.DeciderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision of ElasticMQ's top-level actors. Its message store actor fails on a write H2 cannot do (a full disk);
 * restarted, as by default, it forgets its queues (they are registered once, at start) and silently keeps no message
 * any more, or stops for good when the restart cannot reach the database either. Resumed, it keeps them: the failed
 * operation gets no answer (the SQS call fails) and the next ones are stored once the database opens again.
 */
final class MessageStoreSupervision implements SupervisorStrategyConfigurator {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStoreSupervision.class);
    /** One warning per interval while writes fail, not one per SQS call. */
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);
    private static final AtomicLong LAST_WARNING = new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());
    private static final AtomicLong FAILED_WRITES = new AtomicLong();

    @Override
    public SupervisorStrategy create() {
        return new OneForOneStrategy(false, DeciderBuilder
                .match(SQLException.class, MessageStoreSupervision::resume)
                .matchAny(failure -> {
                    LOG.error("An actor of the embedded SQS failed", failure);
                    return SupervisorStrategy.defaultDecider().apply(failure);
                })
                .build());
    }

    private static SupervisorStrategy.Directive resume(SQLException failure) {
        long failed = FAILED_WRITES.incrementAndGet();
        long last = LAST_WARNING.get();
        if (System.nanoTime() - last >= WARN_EVERY.toNanos() && LAST_WARNING.compareAndSet(last, System.nanoTime())) {
            LOG.warn("The embedded SQS could not write its message store "
                    + "({} failed writes so far; SQS calls that change messages fail meanwhile): {}",
                    failed, failure.getMessage());
        }
        return SupervisorStrategy.resume();
    }
}
