package io.sqsextended.chain.routes;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Lets the queue consumer receive only while fewer than {@code limit} messages are in flight. The messages of a
 * receive are all handed to the worker pool at once, so Camel renews the visibility of every one of them, not only
 * of the one being processed; the gate bounds that prefetch.
 */
final class PollGate extends DefaultPollingConsumerPollStrategy {

    private static final long WAIT_STEP_MILLIS = 200;

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int inFlight;

    PollGate(int limit) {
        this.limit = limit;
    }

    /** Counts the exchange in flight until it completes or fails. */
    void admit(Exchange exchange) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release();
            }
        });
    }

    private void release() {
        lock.lock();
        try {
            inFlight--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until fewer than the limit are in flight; gives up when the consumer stops or is suspended (the next poll asks again). */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        lock.lock();
        try {
            while (inFlight >= limit) {
                if (consumer instanceof ServiceSupport service && !service.isStarted()) {
                    return false;
                }
                freed.await(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
