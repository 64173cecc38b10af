package io.sqsextended.chain.local;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A server's start on a thread of its own, awaited later: its duration, or its failure as it was thrown. */
final class BackgroundStart {

    /** What the thread does; may throw anything its caller must see. */
    interface Step {
        void run() throws Exception;
    }

    private final FutureTask<Long> task;

    private BackgroundStart(FutureTask<Long> task) {
        this.task = task;
    }

    /** Runs {@code step} on a new thread named {@code name}; its duration is counted from {@code sinceNanos}. */
    static BackgroundStart run(String name, long sinceNanos, Step step) {
        FutureTask<Long> task = new FutureTask<>(() -> {
            step.run();
            return millisSince(sinceNanos);
        });
        new Thread(task, name).start();
        return new BackgroundStart(task);
    }

    /** Milliseconds from {@code sinceNanos} (a {@link System#nanoTime()}) to the end of the step. */
    long await() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw (Error) e.getCause();
        }
    }

    /** Waits for the step to end, successful or not: what it started can then be closed. */
    void awaitEnd() throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            // thrown to whoever called await()
        }
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
