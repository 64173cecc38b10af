package io.sqsextended.chain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.PayloadPointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator manages the running jar over remote JMX (password-protected): counters, the consumer route, the redrive.
 */
class ManagementIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final String QUEUE = "sqs-extended-chain-notifications";
    static final ObjectName CHAIN = name("io.sqsextended:type=Chain");
    static final ObjectName CONSUMER_ROUTE = name(
            "org.apache.camel:context=sqs-extended-chain,type=routes,name=\"chain-consume\"");

    @TempDir
    Path home;
    int jmxPort;

    @BeforeEach
    void prepare() throws Exception {
        jmxPort = freePort();
        Files.createDirectories(home.resolve("routes"));
        // refuses payloads that say "poison", writes the others to "delivered"
        Files.writeString(home.resolve("routes/gate.yaml"), """
                - route:
                    id: test-gate
                    routeConfigurationId: chain-errors
                    from:
                      uri: direct:gate
                      steps:
                        - convertBodyTo:
                            type: java.lang.String
                        - filter:
                            simple: "${body} contains 'poison'"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: "poison payload"
                        - to:
                            uri: "file:delivered"
                            parameters:
                              fileName: "${header.PayloadKey}"
                """);
        Files.writeString(home.resolve("jmx.password"), "operator s3cret\n");
        Files.writeString(home.resolve("jmx.access"), "operator readwrite\n");
        // the JVM refuses a password file that others can read
        Files.setPosixFilePermissions(home.resolve("jmx.password"), PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anOperatorReadsCountersStopsAndStartsTheConsumerAndRedrivesADeadLetterOverJmx() throws Exception {
        try (RunningJar jar = start(); S3Client s3 = AwsClients.s3(jar.clientSettings());
             JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                     "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"operator", "s3cret"}))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();

            String good = "input/" + UUID.randomUUID() + "/good.txt";
            s3.putObject(r -> r.bucket(BUCKET).key(good), RequestBody.fromString("fine"));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(home.resolve("delivered").resolve(good)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> (Long) jmx.getAttribute(CHAIN, "PayloadsDelivered") == 1L);
            assertThat((Long) jmx.getAttribute(CHAIN, "BytesDelivered")).isEqualTo(4L);

            jmx.invoke(CONSUMER_ROUTE, "stop", null, null);
            assertThat(jmx.getAttribute(CONSUMER_ROUTE, "State")).isEqualTo("Stopped");
            assertThat(jmx.getAttribute(CHAIN, "Consuming")).isEqualTo(false);
            jmx.invoke(CONSUMER_ROUTE, "start", null, null);
            assertThat(jmx.getAttribute(CONSUMER_ROUTE, "State")).isEqualTo("Started");

            // an offloaded payload (outside the notified prefix) that the downstream refuses
            String poison = "offload/" + UUID.randomUUID();
            s3.putObject(r -> r.bucket(BUCKET).key(poison), RequestBody.fromString("poison"));
            try (SqsClient sqs = AwsClients.sqs(jar.clientSettings())) {
                sqs.sendMessage(r -> r.queueUrl(sqs.getQueueUrl(q -> q.queueName(QUEUE)).queueUrl())
                        .messageBody(new PayloadPointer(BUCKET, poison).toJson())
                        .messageAttributes(Map.of(PayloadPointer.SIZE_ATTRIBUTE,
                                MessageAttributeValue.builder().dataType("Number").stringValue("6").build())));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> (Long) jmx.getAttribute(CHAIN, "MessagesDeadLettered") == 1L);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> (Long) jmx.getAttribute(CHAIN, "DeadLetterQueueDepth") == 1L);

            // the cause is repaired (the same size: the pointer's size
            // attribute must match), then the operator redrives
            s3.putObject(r -> r.bucket(BUCKET).key(poison), RequestBody.fromString("cured!"));
            int redriven = (Integer) jmx.invoke(CHAIN, "redriveDeadLetters", new Object[] {10}, new String[] {"int"});

            assertThat(redriven).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(home.resolve("delivered").resolve(poison)));
            assertThat(Files.readString(home.resolve("delivered").resolve(poison))).isEqualTo("cured!");
            assertThat((Long) jmx.getAttribute(CHAIN, "DeadLetterQueueDepth")).isZero();
            assertThat((Long) jmx.getAttribute(CHAIN, "PayloadsDelivered")).isEqualTo(2L);
        }
    }

    @Test
    void pausingTheConsumerOverJmxStopsPollingUntilResumed() throws Exception {
        try (RunningJar jar = start(); JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"operator", "s3cret"}))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();

            jmx.invoke(CHAIN, "pauseConsumer", null, null);
            assertThat(jmx.getAttribute(CHAIN, "Consuming")).isEqualTo(false);
            jmx.invoke(CHAIN, "resumeConsumer", null, null);
            assertThat(jmx.getAttribute(CHAIN, "Consuming")).isEqualTo(true);
        }
    }

    private RunningJar start() throws Exception {
        RunningJar jar = RunningJar.start(home,
                "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.routes.dir=" + home.resolve("routes"), "-Dchain.downstream.uri=direct:gate",
                "-Dchain.consumer.redelivery.max-attempts=0", "-Dchain.consumer.wait-time-seconds=1",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=true", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.password.file=" + home.resolve("jmx.password"),
                "-Dcom.sun.management.jmxremote.access.file=" + home.resolve("jmx.access"));
        jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
        return jar;
    }

    /**
     * A port for the JVM's JMX agent, chosen before the start: the
     * agent binds it before the app runs, so the app cannot report it, and the client must know it to connect (a port
     * taken in between fails the start, clearly).
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
