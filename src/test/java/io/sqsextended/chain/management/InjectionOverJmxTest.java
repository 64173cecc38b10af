package io.sqsextended.chain.management;

import java.lang.management.ManagementFactory;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An operator reads and changes local mode's injected latency and faults on the chain's MBean while it runs. */
class InjectionOverJmxTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().property(ChainKeys.LOCAL_LATENCY.name(), "s3=5ms");
    static ObjectName mbean;

    @BeforeAll
    static void findTheMBean() throws Exception {
        mbean = new ObjectName(ChainOperations.OBJECT_NAME);
    }

    @Test
    void theStartingValuesAreReadableInTheirOwnForm() throws Exception {
        assertThat(JMX.getAttribute(mbean, "LocalLatency")).isEqualTo("s3=5ms");
        assertThat(JMX.getAttribute(mbean, "LocalFaults")).isEqualTo("none");
    }

    @Test
    void aLatencySetOverJmxDelaysTheNextRequests() throws Exception {
        JMX.setAttribute(mbean, new Attribute("LocalLatency", "s3=400ms+-100ms,sqs=5ms"));
        try (S3Client s3 = AwsClients.s3(chain.clientSettings())) {
            long started = System.nanoTime();
            s3.listBuckets();

            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(JMX.getAttribute(mbean, "LocalLatency")).isEqualTo("s3=400ms+-100ms,sqs=5ms");
        } finally {
            JMX.setAttribute(mbean, new Attribute("LocalLatency", "none"));
        }
    }

    @Test
    void faultsSetOverJmxFailTheNextRequests() throws Exception {
        JMX.setAttribute(mbean, new Attribute("LocalFaults", "sqs=1:503"));
        try (SqsClient sqs = TestStacks.sqsWithoutRetries(chain.clientSettings())) {

            assertThat(catchThrowableOfType(AwsServiceException.class, sqs::listQueues).statusCode()).isEqualTo(503);
        } finally {
            JMX.setAttribute(mbean, new Attribute("LocalFaults", "none"));
        }
    }

    @Test
    void aBadValueOverJmxIsRefusedNamingTheKeyAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> JMX.setAttribute(mbean, new Attribute("LocalFaults", "s3=2:503")))
                .hasStackTraceContaining(ChainKeys.LOCAL_FAULTS.name() + " must look like");

        assertThat(JMX.getAttribute(mbean, "LocalFaults")).isEqualTo("none");
    }
}
