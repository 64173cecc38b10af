package io.sqsextended.chain.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar of bytes on standard error (standard output carries only the results, e.g. the keys). */
final class Progress implements AutoCloseable {

    private static final int MIB = 1024 * 1024;

    private final ProgressBar bar;

    Progress(String task, long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit("MiB", MIB).showSpeed()
                .setUpdateIntervalMillis(500).build();
    }

    /** Bytes done, or undone ({@code bytes < 0}) when an attempt failed and is sent again. */
    void step(long bytes) {
        bar.stepBy(bytes);
    }

    @Override
    public void close() {
        bar.close();
    }
}
