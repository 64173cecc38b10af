package io.sqsextended.chain.cli;

import java.text.DecimalFormat;
import java.time.Duration;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Bytes of a task, drawn as a bar on standard error or only counted (standard output carries only the results, e.g. the
 * keys).
 */
final class Progress implements AutoCloseable {

    static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private final ProgressBar bar;
    private final LongConsumer moved;

    private Progress(ProgressBar bar, LongConsumer moved) {
        this.bar = bar;
        this.moved = moved;
    }

    static Progress drawn(String task, long total, long done, LongConsumer moved) {
        int unit = unitOf(total);
        // startsFrom: the speed shown is that of this run, not of bytes an earlier one moved
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(done, Duration.ZERO)
                .setUnit(UNITS[unit], 1L << (10 * unit)).showSpeed(new DecimalFormat("0.0"))
                        .setUpdateIntervalMillis(500).build(), moved);
    }

    static Progress counted(LongConsumer moved) {
        return new Progress(null, moved);
    }

    /**
     * The largest unit that counts {@code total} in tens at least: a bar of 1000 bytes in MiB read 0/0MiB throughout.
     */
    static int unitOf(long total) {
        int unit = 0;
        while (unit < UNITS.length - 1 && total >> (10 * (unit + 1)) >= 10) {
            unit++;
        }
        return unit;
    }

    /** Bytes done, or undone ({@code bytes < 0}) when an attempt failed and is sent again. */
    void step(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
        moved.accept(bytes);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
