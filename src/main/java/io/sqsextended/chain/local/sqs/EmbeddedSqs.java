package io.sqsextended.chain.local.sqs;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.typesafe.config.ConfigFactory;
import io.sqsextended.chain.local.faults.FaultInjection;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;

/**
 * ElasticMQ in this JVM, its queues declared from the template, messages kept in an H2 file that survives a full disk;
 * clients reach it through a {@link SqsFront} on the public port (ElasticMQ itself listens on a loopback port).
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final Function0<?> stop;
    private final SqsFront front;
    private final URI endpoint;
    private final MessageStore store;

    private EmbeddedSqs(Function0<?> stop, SqsFront front, URI endpoint, MessageStore store) {
        this.stop = stop;
        this.front = front;
        this.endpoint = endpoint;
        this.store = store;
    }

    /** ElasticMQ on the loopback's {@code elasticMqPort}, its front on {@code port}; queue URLs name {@code port}. */
    /**
     * What the embedded SQS takes of local mode's settings.
     *
     * @param bindAddress the address its front listens on
     * @param publicHost  the host name clients reach it by (queue URLs name it)
     * @param region      region of queue URLs and ARNs
     * @param accountId   account of queue URLs and ARNs
     */
    public record Settings(String bindAddress, String publicHost, String region, String accountId) {
    }

    public static EmbeddedSqs start(Settings settings, int port, int elasticMqPort, Path storageDir,
            List<QueueSpec> queues,
                             FaultInjection injection) throws ReflectiveOperationException, InterruptedException {
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("An embedded SQS already runs in this JVM; its message store is per JVM");
        }
        MessageStore store = null;
        Function0<?> stop = null;
        try {
            store = MessageStore.open(storageDir);
            // ElasticMQ's actor system reads Pekko's configuration itself: its supervision can be set only this way
            System.setProperty("pekko.actor.guardian-supervisor-strategy", MessageStoreSupervision.class.getName());
            ConfigFactory.invalidateCaches();
            String hocon = """
                    node-address { protocol = "http", host = "%s", port = %d, context-path = "" }
                    rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                    generate-node-address = false
                    aws { region = "%s", accountId = "%s" }
                    messages-storage { enabled = true, uri = "%s" }
                    queues { %s }
                    """.formatted(settings.publicHost(), port, elasticMqPort, settings.region(),
                    settings.accountId(), store.uri(), queueConfig(queues));
            var config = new ElasticMQServerConfig(
                    ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
            stop = new ElasticMQServer(config).start();
            return new EmbeddedSqs(stop, SqsFront.start(settings.bindAddress(), port, elasticMqPort, injection),
                    URI.create("http://" + settings.publicHost() + ":" + port), store);
        } catch (RuntimeException | ReflectiveOperationException | InterruptedException e) {
            if (stop != null) {
                stop.apply();
            }
            if (store != null) {
                store.close();
            }
            RUNNING.set(false);
            throw e;
        }
    }

    private static String queueConfig(List<QueueSpec> queues) {
        StringBuilder hocon = new StringBuilder();
        for (QueueSpec queue : queues) {
            hocon.append('"').append(queue.name()).append("\" {")
                    .append(" defaultVisibilityTimeout = ").append(queue.visibilityTimeoutSeconds()).append(" seconds,")
                    .append(" delay = ").append(queue.delaySeconds()).append(" seconds,")
                    .append(" receiveMessageWait = ").append(queue.receiveWaitSeconds()).append(" seconds,")
                    .append(" fifo = ").append(queue.fifo()).append(',')
                    .append(" contentBasedDeduplication = ").append(queue.contentBasedDeduplication());
            if (queue.redrive() != null) {
                hocon.append(", deadLettersQueue { name = \"").append(queue.redrive().deadLetterQueueName())
                        .append("\", maxReceiveCount = ").append(queue.redrive().maxReceiveCount()).append(" }");
            }
            hocon.append(" }\n");
        }
        return hocon.toString();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Writes to the message store: throws when it cannot keep a message now. */
    public void probeStore() throws SQLException {
        store.probe();
    }

    @Override
    public void close() throws Exception {
        try {
            // the front first, so that no request reaches ElasticMQ while it stops
            front.close();
        } finally {
            try {
                stop.apply();
            } finally {
                store.close();
                RUNNING.set(false);
            }
        }
    }
}
