package io.sqsextended.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * What a consumer's JVM has spent so far, from its platform MBeans: CPU time of the process, live and peak threads, JIT
 * time.
 */
record JvmFigures(long cpuNanos, int threads, int peakThreads, long jitMillis) {

    /**
     * Read over a JMX connection (a consumer's own JVM) or from {@link ManagementFactory#getPlatformMBeanServer()}
     * (this one).
     */
    static JvmFigures of(MBeanServerConnection jmx) throws IOException {
        try {
            return new JvmFigures(((Number) jmx.getAttribute(new ObjectName("java.lang:type=OperatingSystem"),
                    "ProcessCpuTime")).longValue(),
                    ((Number) jmx.getAttribute(new ObjectName("java.lang:type=Threading"), "ThreadCount")).intValue(),
                    ((Number) jmx.getAttribute(new ObjectName("java.lang:type=Threading"), "PeakThreadCount"))
                            .intValue(),
                    ((Number) jmx.getAttribute(new ObjectName("java.lang:type=Compilation"), "TotalCompilationTime"))
                            .longValue());
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
}
