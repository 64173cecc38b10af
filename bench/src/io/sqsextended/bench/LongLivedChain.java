package io.sqsextended.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The chain jar as one JVM for a whole benchmark, so that its runs time the steady state of a long-running service
 * rather than a fresh JVM's JIT. The bench pauses its consumer while the baselines run, through the product's own
 * {@code io.sqsextended:type=Chain} MBean over remote JMX (no authentication: loopback, a benchmark only).
 */
final class LongLivedChain implements AutoCloseable {

    static final ObjectName CHAIN = name("io.sqsextended:type=Chain");
    static final ObjectName CONSUMER_ROUTE = name("org.apache.camel:context=sqs-extended-chain,type=routes,name=\"chain-consume\"");
    /** chain.consumer.wait-time-seconds: a receive under way when pausing ends within this time. */
    static final int WAIT_TIME_SECONDS = 1;

    final Bench.JarProcess jar;
    private final JMXConnector connector;
    private final MBeanServerConnection jmx;
    private long drainedAtPause = -1;

    /**
     * @param recording where to write a flight recording (profile settings) of the JVM's whole life, or null. Not
     *                  started after the warm-up: started in the warm JVM (JFR.start), it made the JIT compile ~5,800
     *                  methods again during the next timed run (~1 s of compiler CPU per second), likely as it
     *                  instruments JDK I/O classes for its socket and file events
     */
    LongLivedChain(StackJar stack, Path work, Path recording, String... extra) throws Exception {
        int jmxPort = Bench.freePort();
        List<String> jvm = new ArrayList<>(List.of("-Dchain.consumer.wait-time-seconds=" + WAIT_TIME_SECONDS,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1"));
        if (recording != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile");
        }
        jvm.addAll(Arrays.asList(extra));
        jar = stack.chainJar(work, "512m", jvm.toArray(String[]::new));
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            jmx = connector.getMBeanServerConnection();
        } catch (Exception e) {
            jar.close();
            throw e;
        }
    }

    /**
     * Stops polling, then waits until no receive can still take messages: the route is Suspended, and a receive
     * that was under way (long polling of {@link #WAIT_TIME_SECONDS}) has ended, so the baseline's messages are its own.
     */
    void pause() throws Exception {
        jmx.invoke(CHAIN, "pauseConsumer", null, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"Suspended".equals(jmx.getAttribute(CONSUMER_ROUTE, "State"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer route " + jmx.getAttribute(CONSUMER_ROUTE, "State") + ", not Suspended");
            }
            Thread.sleep(20);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT_TIME_SECONDS) + 500);
        drainedAtPause = jar.countLines(Bench.DRAINED);
    }

    /**
     * Resumes polling, then waits until a receive is under way (the scheduler polls every 500 ms, each receive waits
     * up to {@link #WAIT_TIME_SECONDS}), as the baselines' receives are when their uploads start. Fails if the chain
     * drained anything while paused: it would have taken a baseline's messages.
     */
    void resume() throws Exception {
        if (drainedAtPause >= 0 && jar.countLines(Bench.DRAINED) != drainedAtPause) {
            throw new IllegalStateException("the paused chain drained " + (jar.countLines(Bench.DRAINED) - drainedAtPause) + " payloads");
        }
        jmx.invoke(CHAIN, "resumeConsumer", null, null);
        Thread.sleep(700);
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

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
