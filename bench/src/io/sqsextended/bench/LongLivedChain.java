package io.sqsextended.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

import io.sqsextended.chain.testkit.RunningJar;

import static org.awaitility.Awaitility.await;

/**
 * The chain jar as one JVM for a whole benchmark, so that its runs time the steady state of a long-running service
 * rather than a fresh JVM's JIT. The bench pauses its consumer while the baselines run, through the product's own
 * {@code io.sqsextended:type=Chain} MBean over the JDK's local JMX agent ({@link RunningJar#jmx()}: no port, this
 * OS user only).
 */
final class LongLivedChain implements PausableJvm {

    static final ObjectName CHAIN = name("io.sqsextended:type=Chain");
    static final ObjectName MEMORY = name("java.lang:type=Memory");
    static final ObjectName CONSUMER_ROUTE = name(
            "org.apache.camel:context=sqs-extended-chain,type=routes,name=\"chain-consume\"");
    /** chain.consumer.wait-time-seconds: a receive under way when pausing ends within this time. */
    static final int WAIT_TIME_SECONDS = 1;

    final RunningJar jar;
    private final JMXConnector connector;
    private final MBeanServerConnection jmx;
    private long drainedAtPause = -1;

    /**
     * @param build     the jar to run, null for the packaged one (RunningJar.JAR)
     * @param recording where to write a flight recording (profile settings) of the JVM's whole life, or null. Not
     *                  started after the warm-up: started in the warm JVM (JFR.start), it made the JIT compile ~5,800
     *                  methods again during the next timed run (~1 s of compiler CPU per second), likely as it
     *                  instruments JDK I/O classes for its socket and file events
     */
    LongLivedChain(Bench.Stack stack, Path build, Path home, Path recording, String... extra) throws Exception {
        List<String> jvm = new ArrayList<>(
                List.of("-Xmx512m", "-Dchain.consumer.wait-time-seconds=" + WAIT_TIME_SECONDS));
        if (recording != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile");
        }
        jvm.addAll(Arrays.asList(extra));
        jar = build == null ? stack.chain(home, jvm.toArray(String[]::new))
                : Bench.started(RunningJar.startJar(build, home, stack.chainSettings(jvm.toArray(String[]::new))));
        try {
            connector = jar.jmx();
            jmx = connector.getMBeanServerConnection();
        } catch (Exception e) {
            jar.close();
            throw e;
        }
    }

    @Override
    public RunningJar jar() {
        return jar;
    }

    @Override
    public MBeanServerConnection jmx() {
        return jmx;
    }

    /**
     * Stops polling, then waits until no receive can still take messages: the route is Suspended, and a receive
     * that was under way (long polling of {@link #WAIT_TIME_SECONDS})
     * has ended, so the baseline's messages are its own.
     */
    @Override
    public void pause() throws Exception {
        jmx.invoke(CHAIN, "pauseConsumer", null, null);
        await("consumer route Suspended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jmx.getAttribute(CONSUMER_ROUTE, "State"), "Suspended"::equals);
        // nothing tells when a receive under way has ended: its long poll is over after this
        Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT_TIME_SECONDS) + 500);
        drainedAtPause = jar.count(Bench.DRAINED);
    }

    /**
     * Resumes polling, then waits until a receive is under way (the scheduler polls every 500 ms, each receive waits
     * up to {@link #WAIT_TIME_SECONDS}), as the baselines' receives are when their uploads start. Fails if the chain
     * drained anything while paused: it would have taken a baseline's messages.
     */
    @Override
    public void resume() throws Exception {
        if (drainedAtPause >= 0 && jar.count(Bench.DRAINED) != drainedAtPause) {
            throw new IllegalStateException("the paused chain drained " + (jar.count(Bench.DRAINED) - drainedAtPause)
                    + " payloads");
        }
        jmx.invoke(CHAIN, "resumeConsumer", null, null);
        Thread.sleep(700);
    }

    /** Messages received and not yet done: the consumer route's exchanges in flight (one per SQS message). */
    long inFlight() throws Exception {
        return ((Number) jmx.getAttribute(CONSUMER_ROUTE, "ExchangesInflight")).longValue();
    }

    /** Heap used after a full GC, in MiB (java.lang:type=Memory). */
    long heapAfterGcMiB() throws Exception {
        jmx.invoke(MEMORY, "gc", null, null);
        CompositeData heap = (CompositeData) jmx.getAttribute(MEMORY, "HeapMemoryUsage");
        return (Long) heap.get("used") >> 20;
    }

    @Override
    public void close() throws Exception {
        try {
            connector.close();
        } finally {
            // the recording, if any, is written as the JVM exits
            jar.close();
        }
    }

    static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
