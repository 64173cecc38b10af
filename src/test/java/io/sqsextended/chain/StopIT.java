package io.sqsextended.chain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM to the packaged jar in local mode, on its default settings (a 20 s long poll), with nothing in flight. */
class StopIT {

    @TempDir
    Path home;

    @Test
    void aSigtermWithNothingInFlightEndsTheJarWithinTenSecondsWhileItsConsumerLongPolls() throws Exception {
        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"))) {
            jar.awaitOutput("Acknowledged s3:TestEvent", Duration.ofSeconds(90));
            try (JMXConnector connector = jar.jmx()) {
                awaitLongPoll(connector.getMBeanServerConnection());
            }

            long started = System.nanoTime();
            int exitCode = jar.stop();

            assertThat(exitCode).isEqualTo(143);
            // generous: a timed figure is the benchmark's (bench/run startup); the long poll alone would take up to 20 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Until the queue consumer is in a receive (Camel's consumer MBean, attribute Polling). */
    private static void awaitLongPoll(MBeanServerConnection jmx) throws Exception {
        Set<ObjectName> consumers = jmx.queryNames(new ObjectName("org.apache.camel:type=consumers,*"), null);
        ObjectName consumer = null;
        for (ObjectName name : consumers) {
            if ("chain-consume".equals(jmx.getAttribute(name, "RouteId"))) {
                consumer = name;
            }
        }
        assertThat(consumer).as("the MBean of the consumer of route chain-consume").isNotNull();
        ObjectName polling = consumer;
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(jmx.getAttribute(polling, "Polling")));
    }
}
