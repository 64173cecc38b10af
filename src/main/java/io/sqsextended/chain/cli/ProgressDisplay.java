package io.sqsextended.chain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Progress as the command chose ({@link ProgressOptions}): bars redrawn in place, or one line per file once
 * transferred.
 */
final class ProgressDisplay {

    private final boolean bars;
    private final PrintWriter err;

    ProgressDisplay(boolean bars, PrintWriter err) {
        this.bars = bars;
        this.err = err;
    }

    /** A task of {@code total} bytes, {@code done} of them before it starts; each step also goes to {@code moved}. */
    Progress progress(String task, long total, long done, LongConsumer moved) {
        return bars ? Progress.drawn(task, total, done, moved) : Progress.counted(moved);
    }

    /** A file's transfer, from now: its line once done, unless a bar showed it. */
    Transfer transfer(Path file, String verb, long size) {
        return new Transfer(this, file, verb, size);
    }

    void report(String line) {
        if (!bars) {
            err.println(line);
            err.flush();
        }
    }
}
