package io.sqsextended.chain.consumer;

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
 * Lets the queue consumer receive only while fewer than {@code limit} messages are being processed and fewer than
 * {@code waitingLimit} wait for a redelivery. The messages of a receive are all handed to the worker pool at once, so
 * Camel renews the visibility of every one of them, not only of the one being processed; the gate bounds that
 * prefetch. A message waiting for its redelivery holds no worker, so it counts against the second limit only.
 */
final class PollGate extends DefaultPollingConsumerPollStrategy {

    /** Exchange property: the exchange's {@link Ticket}; copies of the exchange share it. */
    private static final String TICKET = "ChainPollGateTicket";
    private static final long WAIT_STEP_MILLIS = 200;

    private final int limit;
    private final int waitingLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int active;
    private int waiting;

    PollGate(int limit, int waitingLimit) {
        this.limit = limit;
        this.waitingLimit = waitingLimit;
    }

    /** Counts the exchange in flight until it completes or fails. */
    void admit(Exchange exchange) {
        Ticket ticket = new Ticket();
        exchange.setProperty(TICKET, ticket);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                ticket.release();
            }
        });
    }

    /** The exchange failed and waits for its redelivery (or goes to the dead-letter queue). */
    static void waiting(Exchange exchange) {
        Ticket ticket = exchange.getProperty(TICKET, Ticket.class);
        if (ticket != null) {
            ticket.waiting(true);
        }
    }

    /** The exchange's redelivery starts. */
    static void redelivering(Exchange exchange) {
        Ticket ticket = exchange.getProperty(TICKET, Ticket.class);
        if (ticket != null) {
            ticket.waiting(false);
        }
    }

    /**
     * Waits until both counts are below their limits; gives up when the consumer stops or is suspended (the next poll
     * asks again).
     */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        lock.lock();
        try {
            while (active >= limit || waiting >= waitingLimit) {
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

    /** One exchange in flight: processed (active) or waiting for a redelivery, until done. */
    private final class Ticket {

        private boolean isWaiting;
        private boolean done;

        Ticket() {
            update(() -> active++);
        }

        void waiting(boolean now) {
            update(() -> {
                if (!done && isWaiting != now) {
                    isWaiting = now;
                    active += now ? -1 : 1;
                    waiting += now ? 1 : -1;
                }
            });
        }

        void release() {
            update(() -> {
                if (!done) {
                    done = true;
                    if (isWaiting) {
                        waiting--;
                    } else {
                        active--;
                    }
                }
            });
        }

        private void update(Runnable change) {
            lock.lock();
            try {
                change.run();
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
