package io.sqsextended.chain.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * {@code length} bytes of a file from {@code offset}, read as they are sent, each read reported (for the progress bar).
 */
final class FileRange extends FilterInputStream {

    private long left;
    private final LongConsumer progress;

    private FileRange(InputStream in, long length, LongConsumer progress) {
        super(in);
        this.left = length;
        this.progress = progress;
    }

    static InputStream open(Path file, long offset, long length, LongConsumer progress) throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            return new FileRange(Channels.newInputStream(channel.position(offset)), length, progress);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
            progress.accept(n);
        }
        return n;
    }
}
