package io.sqsextended.chain.management;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An operator reads and changes local mode's injected latency and faults on the chain's MBean while it runs. */
class InjectionOverJmxTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    static Path dataDir;
    static ChainApp app;
    static ObjectName chain;

    @BeforeAll
    static void start() throws Exception {
        app = ChainApp.builder(dataDir).property("chain.local.latency", "s3=5ms").start();
        chain = new ObjectName(Chain.OBJECT_NAME);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theStartingValuesAreReadableInTheirOwnForm() throws Exception {
        assertThat(JMX.getAttribute(chain, "LocalLatency")).isEqualTo("s3=5ms");
        assertThat(JMX.getAttribute(chain, "LocalFaults")).isEqualTo("none");
    }

    @Test
    void aLatencySetOverJmxDelaysTheNextRequests() throws Exception {
        JMX.setAttribute(chain, new Attribute("LocalLatency", "s3=400ms+-100ms,sqs=5ms"));
        try (S3Client s3 = AwsClients.s3(app.clientSettings())) {
            long started = System.nanoTime();
            s3.listBuckets();

            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(JMX.getAttribute(chain, "LocalLatency")).isEqualTo("s3=400ms+-100ms,sqs=5ms");
        } finally {
            JMX.setAttribute(chain, new Attribute("LocalLatency", "none"));
        }
    }

    @Test
    void faultsSetOverJmxFailTheNextRequests() throws Exception {
        JMX.setAttribute(chain, new Attribute("LocalFaults", "sqs=1:503"));
        try (SqsClient sqs = TestStacks.sqsWithoutRetries(app.clientSettings())) {

            assertThat(catchThrowableOfType(AwsServiceException.class, sqs::listQueues).statusCode()).isEqualTo(503);
        } finally {
            JMX.setAttribute(chain, new Attribute("LocalFaults", "none"));
        }
    }

    @Test
    void aBadValueOverJmxIsRefusedNamingTheKeyAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> JMX.setAttribute(chain, new Attribute("LocalFaults", "s3=2:503")))
                .hasStackTraceContaining("chain.local.faults must look like");

        assertThat(JMX.getAttribute(chain, "LocalFaults")).isEqualTo("none");
    }
}
