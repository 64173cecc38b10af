package io.sqsextended.chain.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's counters: presigns issued (by operation: {@code put}, {@code get}, {@code multipart}, {@code resume},
 * {@code complete}, {@code abort}) and requests refused (by HTTP status) or failed. Thread-safe; read by JMX/metrics
 * later.
 */
public final class ApiMetrics {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public void issued(String operation) {
        increment("issued." + operation);
    }

    /** A request answered with a 4xx (refused) or a 5xx (failed). */
    public void rejected(int status) {
        increment((status < 500 ? "refused." : "failed.") + status);
    }

    public long count(String name) {
        AtomicLong counter = counters.get(name);
        return counter == null ? 0 : counter.get();
    }

    /** Every counter by name, e.g. {@code issued.put=3, refused.401=1}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, counter) -> snapshot.put(name, counter.get()));
        return snapshot;
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }
}
