package io.sqsextended.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsSettings;

/**
 * The Spring Cloud AWS peer (bench/spring-peer, its jar built by bench/run) as one JVM for a whole benchmark, against
 * the same stack as the chain, paused and resumed over its {@code io.sqsextended.bench:type=SpringPeer} MBean. Setting
 * "default": Spring Cloud AWS's defaults (10 messages in flight, 10 per poll, the SDK's HTTP pools of 50); a number N:
 * tuned with the knobs its reference guide documents, N messages in flight, 10 per poll (SQS's most per receive) and
 * HTTP pools of N connections. Both poll with a timeout of {@link
 * LongLivedChain#WAIT_TIME_SECONDS}, as the chain does in the
 * bench, so that a pause ends its receives within that time.
 */
final class SpringPeerJvm implements PausableJvm {

    static final Path JAR = Path.of(System.getProperty("peer.jar", "bench/spring-peer/target/spring-peer.jar"));
    private static final ObjectName CONTROL = LongLivedChain.name("io.sqsextended.bench:type=SpringPeer");

    private final RunningJar jar;
    private final JMXConnector connector;
    private final MBeanServerConnection jmx;
    private long drainedAtPause = -1;

    SpringPeerJvm(Bench.Stack stack, Path home, String setting, Path recording) throws Exception {
        AwsSettings endpoints = stack.jar().clientSettings();
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dpeer.queue=" + Bench.Stack.QUEUE,
                "-Dspring.cloud.aws.region.static=" + endpoints.region(),
                "-Dspring.cloud.aws.credentials.access-key=" + endpoints.accessKey(),
                "-Dspring.cloud.aws.credentials.secret-key=" + endpoints.secretKey(),
                "-Dspring.cloud.aws.sqs.endpoint=" + endpoints.sqsEndpoint(),
                "-Dspring.cloud.aws.s3.endpoint=" + endpoints.s3Endpoint(),
                "-Dspring.cloud.aws.s3.path-style-access-enabled=true",
                "-Dspring.cloud.aws.sqs.listener.poll-timeout=" + LongLivedChain.WAIT_TIME_SECONDS + "s"));
        if (!setting.equals("default")) {
            jvm.addAll(List.of("-Dspring.cloud.aws.sqs.listener.max-concurrent-messages=" + setting,
                    "-Dspring.cloud.aws.sqs.listener.max-messages-per-poll=10", "-Dpeer.connections=" + setting));
        }
        if (recording != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile");
        }
        jar = RunningJar.startJar(JAR, home, jvm.toArray(String[]::new));
        try {
            jar.awaitOutput("Started SpringPeer", Bench.STARTUP);
            connector = jar.jmx();
            jmx = connector.getMBeanServerConnection();
        } catch (Exception | AssertionError e) {
            jar.close();
            throw e;
        }
    }

    /** Its name in the tables. */
    static String name(String setting) {
        return setting.equals("default") ? "Spring Cloud AWS (defaults)"
                : "Spring Cloud AWS (tuned: " + setting + " in flight, " + setting + " connections)";
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
     * Stops its containers (they return once the messages in flight are acknowledged), then waits out a receive under
     * way.
     */
    @Override
    public void pause() throws Exception {
        jmx.invoke(CONTROL, "pause", null, null);
        Thread.sleep(LongLivedChain.WAIT_TIME_SECONDS * 1000L + 500);
        drainedAtPause = jar.count(Bench.DRAINED);
    }

    @Override
    public void resume() throws Exception {
        if (drainedAtPause >= 0 && jar.count(Bench.DRAINED) != drainedAtPause) {
            throw new IllegalStateException("the paused Spring peer drained "
                    + (jar.count(Bench.DRAINED) - drainedAtPause) + " payloads");
        }
        jmx.invoke(CONTROL, "resume", null, null);
    }

    @Override
    public void close() throws Exception {
        try {
            connector.close();
        } catch (java.io.IOException e) {
            // its JVM has ended: what ended it is in its output, or in the exception this close follows
        } finally {
            jar.close();
        }
    }
}
