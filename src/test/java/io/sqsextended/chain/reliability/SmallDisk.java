package io.sqsextended.chain.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A tmpfs of its own (needs root: skipped elsewhere), to fill and free as a full data disk would be. */
final class SmallDisk implements AutoCloseable {

    final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /**
     * Mounts a tmpfs of {@code options} (e.g. {@code size=16m}, {@code ro,size=1m}) on {@code dir}; skips the test
     * where it cannot.
     */
    static SmallDisk mount(Path dir, String options) throws Exception {
        Files.createDirectories(dir);
        int exit;
        try {
            exit = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeTrue(exit == 0, "cannot mount a tmpfs on " + dir
                + " (mount -t tmpfs needs root): the disk-full tests are skipped");
        return new SmallDisk(dir);
    }

    /** Writes a file until the disk is full. */
    void fill() throws IOException {
        byte[] block = new byte[64 << 10];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    /** Frees {@code bytes} of the filler. */
    void free(long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - bytes));
        }
    }

    /** Deletes the filler. */
    void freeAll() throws IOException {
        Files.deleteIfExists(filler);
    }

    long usable() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("umount", "-l", root.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
