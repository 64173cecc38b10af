package io.sqsextended.chain.consumer.delivery;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.context.Scope;
import io.sqsextended.chain.consumer.payload.S3ObjectStream;
import io.sqsextended.chain.tracing.PayloadTrace;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.processor.SendProcessor;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Sends the payload to the downstream route, within {@code chain.consumer.downstream-timeout}. The call runs on a
 * thread of its own, on a copy of the exchange (the same unit of work, so the downstream's own dead letters still
 * carry the original SQS message), while the worker waits for it; the results are then copied back. At the timeout
 * the worker is freed at once and the exchange fails with an {@link ExchangeTimedOutException} (redelivery, then the
 * dead-letter queue), while the call left behind is interrupted, its payload stream cut, and its copy marked
 * interrupted so that Camel routes nothing of it further (no redelivery, no dead letter). Later attempts read their
 * own copy of the body. Without a timeout the downstream is called on the exchange itself, as {@code to()} would.
 */
public final class DownstreamCall extends AsyncProcessorSupport {

    /** Exchange property: an earlier attempt timed out, and may still hold the body. */
    private static final String TIMED_OUT = "ChainDownstreamTimedOut";

    private final CamelContext context;
    private final String uri;
    private final Duration timeout;
    private final int threads;
    private final Executor workers;
    private SendProcessor target;
    private ExecutorService callers;
    private ScheduledExecutorService timer;

    /**
     * @param timeout null: no limit
     * @param threads most calls at once, those left behind at their timeout included
     * @param workers where an exchange goes on once its call ended after the worker had left
     */
    public DownstreamCall(CamelContext context, String uri, Duration timeout, int threads, Executor workers) {
        this.context = context;
        this.uri = uri;
        this.timeout = timeout;
        this.threads = threads;
        this.workers = workers;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (timeout == null) {
            return target.process(exchange, callback);
        }
        Attempt attempt = new Attempt(exchange, callback);
        attempt.expiry = timer.schedule(attempt::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            callers.execute(attempt::run);
        } catch (RejectedExecutionException e) {
            attempt.expiry.cancel(false);
            exchange.setException(new IllegalStateException("No thread free for the downstream " + uri + ": " + threads
                    + " calls are running, some of them past chain.consumer.downstream-timeout and not ending", e));
            callback.done(true);
            return true;
        }
        return attempt.awaitHandBack();
    }

    @Override
    protected void doStart() throws Exception {
        target = new SendProcessor(context.getEndpoint(uri));
        ServiceHelper.startService(target);
        if (timeout != null) {
            ExecutorServiceManager manager = context.getExecutorServiceManager();
            // no queue: a call starts at once or is refused, it never waits behind calls that hang; one core thread,
            // so that a thread is added only when none is idle (a core of all of them: one per call until all exist)
            callers = manager.newThreadPool(this, "ChainDownstream", new ThreadPoolProfileBuilder("ChainDownstream")
                    .poolSize(1).maxPoolSize(threads).maxQueueSize(0).keepAliveTime(60L).allowCoreThreadTimeOut(true)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
            timer = ScheduledPools.unbounded(context, this, "ChainDownstreamTimeout", 1);
        }
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            context.getExecutorServiceManager().shutdownNow(callers);
        }
        ServiceHelper.stopService(target);
    }

    /** One call of the downstream: settled once, by its end or by its timeout, whichever comes first. */
    private final class Attempt {

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Exchange copy;
        /** The body the call starts with. */
        private final Object body;
        private final boolean ownBody;
        private ScheduledFuture<?> expiry;
        private Thread runner;
        private boolean handedBack;
        private boolean workerWaiting = true;
        private boolean settled;

        Attempt(Exchange exchange, AsyncCallback callback) {
            this.exchange = exchange;
            this.callback = callback;
            this.copy = exchange.copy();
            Object original = exchange.getIn().getBody();
            ownBody = exchange.getProperty(TIMED_OUT) != null && original instanceof StreamCache;
            body = ownBody ? copyOf((StreamCache) original) : original;
            copy.getIn().setBody(body);
        }

        /**
         * On a downstream thread: the call, until it ends or continues asynchronously (e.g. waits for a redelivery of
         * its own).
         */
        void run() {
            synchronized (this) {
                if (settled) {
                    return;
                }
                runner = Thread.currentThread();
            }
            // the downstream route's log lines and spans in the payload's trace, as on the worker
            try (Scope trace = PayloadTrace.onCallingThread(copy)) {
                target.process(copy, doneSync -> ended());
            } finally {
                synchronized (this) {
                    runner = null;
                    handedBack = true;
                    notifyAll();
                }
            }
        }

        /** On the worker: waits until the call ended, went asynchronous, or timed out; true when it is settled now. */
        boolean awaitHandBack() {
            synchronized (this) {
                try {
                    while (!settled && !handedBack) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    // a forced stop: give up the call as at its timeout
                    Thread.currentThread().interrupt();
                    timeOut();
                }
                workerWaiting = false;
                if (!settled) {
                    return false;
                }
            }
            callback.done(true);
            return true;
        }

        private void ended() {
            boolean handOn;
            synchronized (this) {
                if (settled) {
                    return;
                }
                expiry.cancel(false);
                ExchangeHelper.copyResults(exchange, copy);
                handOn = settle();
            }
            if (handOn) {
                callback.done(false);
            }
        }

        private void expire() {
            boolean handOn;
            synchronized (this) {
                if (settled) {
                    return;
                }
                handOn = timeOut();
            }
            if (handOn) {
                workers.execute(() -> callback.done(false));
            }
        }

        /** Holding the lock: leaves the call behind, unable to route on, and fails the exchange. */
        private boolean timeOut() {
            copy.getExchangeExtension().setInterrupted(true);
            copy.setRouteStop(true);
            if (runner != null) {
                runner.interrupt();
            }
            if (body instanceof S3ObjectStream stream) {
                stream.abandon();
            }
            exchange.setProperty(TIMED_OUT, true);
            exchange.setException(new ExchangeTimedOutException(exchange, timeout.toMillis(),
                    "the downstream " + uri + " did not answer within chain.consumer.downstream-timeout " + timeout));
            return settle();
        }

        /** Holding the lock: true when the worker has left, so that the caller must hand the exchange on. */
        private boolean settle() {
            settled = true;
            if (ownBody && body instanceof S3ObjectStream stream) {
                // its GET, shared with nothing of the next attempt
                stream.discard();
            } else if (ownBody && body instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    // nothing reads it any more
                }
            }
            notifyAll();
            return !workerWaiting;
        }

        private Object copyOf(StreamCache original) {
            try {
                return original.copy(exchange);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot copy the payload of " + exchange.getExchangeId()
                        + " for another attempt", e);
            }
        }
    }
}
