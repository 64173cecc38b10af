package io.sqsextended.chain.consumer.idempotency;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.support.LRUCacheFactory;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's idempotent repository: the keys of delivered payloads in a file (a restart still knows them), and in
 * memory. When the file cannot be read or written, delivery goes on with the keys in memory (duplicates are then
 * caught until a restart only, as with the memory store of aws mode) and the store says so: one error line when the
 * problem starts, one when it ends, and {@link #problem()} for readiness, instead of a warning per message.
 */
public final class DeliveredKeysFile extends FileIdempotentRepository implements StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveredKeysFile.class);

    private final Path file;
    private final AtomicReference<String> problem = new AtomicReference<>();

    public DeliveredKeysFile(Path file, int cacheSize) {
        super(file.toFile(), LRUCacheFactory.newLRUCache(cacheSize));
        this.file = file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** Null while the file can be appended to, else why not; tries it now. */
    @Override
    public String problem() {
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writable();
            return null;
        } catch (IOException | RuntimeException e) {
            unwritable(e);
            return problem.get();
        }
    }

    @Override
    protected void appendToStore(String key) {
        try {
            super.appendToStore(key);
            writable();
        } catch (RuntimeException e) {
            unwritable(e);
        }
    }

    @Override
    protected boolean containsStore(String key) {
        try {
            return super.containsStore(key);
        } catch (RuntimeException e) {
            unwritable(e);
            return false;
        }
    }

    @Override
    protected void removeFromStore(String key) {
        try {
            super.removeFromStore(key);
        } catch (RuntimeException e) {
            unwritable(e);
        }
    }

    private void unwritable(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = "idempotency store " + file + " cannot be written: " + cause;
        if (problem.compareAndSet(null, reason)) {
            LOG.error("The {}. Delivery goes on; duplicates are caught in memory only, until a restart "
                    + "(readiness DOWN until it is writable)", reason);
        }
    }

    private void writable() {
        if (problem.getAndSet(null) != null) {
            LOG.info("The idempotency store {} is writable again (keys delivered meanwhile are kept in memory only)",
                    file);
        }
    }
}
