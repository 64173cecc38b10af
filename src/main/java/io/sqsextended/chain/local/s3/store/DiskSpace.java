package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Free space on the data disk against the reserve local mode keeps ({@code chain.local.storage-reserve}): what
 * would eat into it is refused before it is written, so that the message store and the objects never hit a full disk.
 */
public final class DiskSpace {

    private final long reserve;

    public DiskSpace(long reserve) {
        this.reserve = reserve;
    }

    /** Why {@code bytes} more cannot be written under {@code dir}; empty when they can. */
    public Optional<String> shortage(Path dir, long bytes) {
        long usable = usable(dir);
        if (usable - Math.max(0, bytes) >= reserve) {
            return Optional.empty();
        }
        return Optional.of(dir + " has " + usable + " bytes free" + (bytes > 0 ? ", " + bytes + " requested" : "")
                + "; the reserve is " + reserve + " (chain.local.storage-reserve)");
    }

    /** Whether the disk of {@code dir} is below the reserve: a write that failed there failed for lack of space. */
    boolean isFull(Path dir) {
        return usable(dir) < reserve;
    }

    /** Fails at once, naming the directory and the cause, when local mode cannot write under {@code dir}. */
    public static void requireWritable(Path dir, String... subdirs) {
        try {
            Files.createDirectories(dir);
            for (String subdir : subdirs) {
                Files.deleteIfExists(Files.createTempFile(Files.createDirectories(dir.resolve(subdir)), "write-check",
                        ".tmp"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Local mode cannot write its data directory " + dir
                    + " (chain.local.data-dir): " + e, e);
        }
    }

    private static long usable(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
