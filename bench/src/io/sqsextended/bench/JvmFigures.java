package io.sqsextended.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * What a consumer's JVM has spent so far, from its platform MBeans: CPU time of the process, live and peak threads, JIT
 * time, bytes each live thread allocated on the heap; and from Linux's {@code /proc}, the CPU time of its JIT compiler
 * threads (-1 where there is no {@code /proc}).
 */
record JvmFigures(long cpuNanos, int threads, int peakThreads, long jitMillis, long compilerCpuNanos,
        Map<Long, Long> allocatedByThread) {

    /** One of Linux's clock ticks (100 a second, {@code getconf CLK_TCK}), the unit of {@code /proc/.../stat}. */
    private static final long TICK_NANOS = 10_000_000L;
    private static final String THREADING = "java.lang:type=Threading";

    /**
     * Read over a JMX connection (a consumer's own JVM) or from {@link ManagementFactory#getPlatformMBeanServer()}
     * (this one).
     */
    static JvmFigures of(MBeanServerConnection jmx) throws IOException {
        try {
            long pid = ((Number) jmx.getAttribute(new ObjectName("java.lang:type=Runtime"), "Pid")).longValue();
            return new JvmFigures(((Number) jmx.getAttribute(new ObjectName("java.lang:type=OperatingSystem"),
                    "ProcessCpuTime")).longValue(),
                    ((Number) jmx.getAttribute(new ObjectName(THREADING), "ThreadCount")).intValue(),
                    ((Number) jmx.getAttribute(new ObjectName(THREADING), "PeakThreadCount"))
                            .intValue(),
                    ((Number) jmx.getAttribute(new ObjectName("java.lang:type=Compilation"), "TotalCompilationTime"))
                            .longValue(), compilerCpuNanos(pid), allocatedByThread(jmx));
        } catch (JMException e) {
            throw new IOException("Cannot read the JVM's MBeans", e);
        }
    }

    /** This JVM's: the in-process loops' (the bench thread that waits on them costs next to nothing). */
    static JvmFigures here() throws IOException {
        return of(ManagementFactory.getPlatformMBeanServer());
    }

    /** Milliseconds of process CPU per payload from {@code before} to this reading, over n payloads. */
    double cpuMillisPerPayload(JvmFigures before, int n) {
        return (cpuNanos - before.cpuNanos) / 1e6 / n;
    }

    /** Milliseconds of the JIT compiler threads' CPU per payload meanwhile; NaN without {@code /proc}. */
    double compilerMillisPerPayload(JvmFigures before, int n) {
        return compilerCpuNanos < 0 || before.compilerCpuNanos < 0 ? Double.NaN
                : (compilerCpuNanos - before.compilerCpuNanos) / 1e6 / n;
    }

    /**
     * KiB the consumer's threads allocated per payload meanwhile: unlike CPU time, next to the same from one JVM to the
     * next once warm (it moves only with the JIT's escape analysis), so it tells small differences of work apart. A
     * thread that ended meanwhile is not counted (the consumers' pools keep theirs).
     */
    double allocatedKiBPerPayload(JvmFigures before, int n) {
        long bytes = 0;
        for (Map.Entry<Long, Long> thread : allocatedByThread.entrySet()) {
            bytes += thread.getValue() - before.allocatedByThread.getOrDefault(thread.getKey(), 0L);
        }
        return bytes / 1024.0 / n;
    }

    /** Each live thread's allocated bytes so far (HotSpot's {@code com.sun.management.ThreadMXBean}). */
    private static Map<Long, Long> allocatedByThread(MBeanServerConnection jmx) throws JMException, IOException {
        ObjectName threading = new ObjectName(THREADING);
        long[] ids = (long[]) jmx.getAttribute(threading, "AllThreadIds");
        long[] bytes = (long[]) jmx.invoke(threading, "getThreadAllocatedBytes", new Object[] {ids},
                new String[] {long[].class.getName()});
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            // -1: the thread ended between the two calls
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    /**
     * User and system CPU of the process's C1 and C2 compiler threads ({@code C1 CompilerThre}, {@code C2
     * CompilerThre}: HotSpot's names, cut to 15 characters by Linux). HotSpot keeps the first of each kind for the
     * life of the JVM (one of each on 2 cores); more it may end when idle, and their CPU then leaves the sum. The
     * JVM's own {@code TotalCompilationTime} is elapsed time, which a machine short of cores inflates.
     */
    static long compilerCpuNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(JvmFigures::compilerTicks).sum() * TICK_NANOS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long compilerTicks(Path thread) {
        try {
            if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // after the name (which holds spaces): state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException e) {
            // a thread that ended while listed
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
