package io.sqsextended.chain.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One file's transfer in this run: the bytes it moved and since when, told in one line once done (never a URL: it is
 * signed).
 */
final class Transfer {

    private final ProgressDisplay display;
    private final Path file;
    private final String verb;
    private final long size;
    private final AtomicLong moved = new AtomicLong();
    private final long start = System.nanoTime();

    Transfer(ProgressDisplay display, Path file, String verb, long size) {
        this.display = display;
        this.file = file;
        this.verb = verb;
        this.size = size;
    }

    /** A round of this transfer, {@code done} bytes already there (from an earlier run or round). */
    Progress progress(long done) {
        return display.progress(file.getFileName().toString(), size, done, moved::addAndGet);
    }

    void done() {
        display.report(line(file.toString(), verb, size, moved.get(), System.nanoTime() - start));
    }

    /** E.g. {@code big.bin: uploaded 23.0 MiB in 1.4 s (16.4 MiB/s)}; what an earlier run moved is told apart. */
    static String line(String file, String verb, long size, long moved, long nanos) {
        String took = String.format(Locale.ROOT, "%.1f s (%s/s)", nanos / 1e9, bytes(moved * 1e9 / Math.max(nanos, 1)));
        if (moved >= size) {
            return file + ": " + verb + " " + bytes(size) + " in " + took;
        }
        if (moved <= 0) {
            return file + ": " + verb + " " + bytes(size) + ", all of it by an earlier run";
        }
        return file + ": " + verb + " " + bytes(size) + ", " + bytes(moved) + " of it in " + took
                + ", the rest by an earlier run";
    }

    /** Bytes in the largest unit they fill, one decimal from KiB on. */
    static String bytes(double bytes) {
        int unit = 0;
        while (unit < Progress.UNITS.length - 1 && bytes >= 1024) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, Progress.UNITS[unit]);
    }
}
