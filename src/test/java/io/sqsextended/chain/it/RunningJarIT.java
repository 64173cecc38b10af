package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/** What the test kit's {@link RunningJar} offers beyond a start (the benchmarks launch the jar through it too). */
class RunningJarIT {

    @TempDir
    static Path home;
    static RunningJar stack;

    @BeforeAll
    static void startInAHomeNotCreatedYet() throws Exception {
        stack = RunningJar.start(home.resolve("not/created/yet"), "-Dchain.local.data-dir=data",
                "-Dchain.consumer.wait-time-seconds=1");
        stack.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void theJarRunsInAHomeThatItsStartCreated() {
        assertThat(home.resolve("not/created/yet/data/s3")).isDirectory();
    }

    @Test
    void countsTheLinesOfThisStartThatContainAText() {
        stack.awaitCount("Bound ports: ", 1, Duration.ofSeconds(5));

        assertThat(stack.count("Bound ports: ")).isEqualTo(1);
        assertThat(stack.count("Bound ports: ")).as("counted again, not twice").isEqualTo(1);
        assertThat(stack.count("no line says this")).isZero();
    }

    @Test
    void reachesTheChainMBeanOverTheLocalJmxAgentWithoutAPort() throws Exception {
        ObjectName chain = new ObjectName("io.sqsextended:type=Chain");
        try (JMXConnector connector = stack.jmx()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();

            jmx.invoke(chain, "pauseConsumer", null, null);
            assertThat(jmx.getAttribute(chain, "Consuming")).isEqualTo(false);
            jmx.invoke(chain, "resumeConsumer", null, null);
            assertThat(jmx.getAttribute(chain, "Consuming")).isEqualTo(true);
        }
    }

    @Test
    void awsModeSettingsPointAnotherJarAtThisStack() throws Exception {
        List<String> settings = new ArrayList<>(RunningJar.awsMode(stack.clientSettings(),
                "sqs-extended-chain-payloads-000000000000", "sqs-extended-chain-notifications",
                        "sqs-extended-chain-dlq"));
        settings.add("-Dchain.auth.enabled=false");
        try (RunningJar aws = RunningJar.start(home.resolve("aws"), settings.toArray(String[]::new))) {
            aws.awaitOutput(") started in ", Duration.ofSeconds(90));

            assertThat(aws.count("Mode aws: bucket sqs-extended-chain-payloads-000000000000")).isEqualTo(1);
            assertThat(aws.api().getPort()).isPositive();
        }
    }
}
