package io.sqsextended.chain.local;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.typesafe.config.ConfigFactory;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;
import scalikejdbc.ConnectionPool$;

/** ElasticMQ in this JVM, its queues declared from the template, messages kept in an H2 file. */
final class EmbeddedSqs implements AutoCloseable {

    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final Function0<?> stop;
    private final URI endpoint;

    private EmbeddedSqs(Function0<?> stop, URI endpoint) {
        this.stop = stop;
        this.endpoint = endpoint;
    }

    static EmbeddedSqs start(LocalSettings settings, int port, Path storageDir, List<QueueSpec> queues) {
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("An embedded SQS already runs in this JVM; its message store is per JVM");
        }
        String hocon = """
                node-address { protocol = "http", host = "%s", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "%s", sqs-limits = strict }
                generate-node-address = false
                aws { region = "%s", accountId = "%s" }
                messages-storage {
                  enabled = true
                  # WRITE_DELAY=0: a message acknowledged to the sender survives kill -9
                  uri = "jdbc:h2:file:%s;WRITE_DELAY=0"
                }
                queues { %s }
                """.formatted(settings.publicHost(), port, port, settings.bindAddress(), settings.region(),
                LocalSettings.ACCOUNT_ID, storageDir.resolve("messages").toString().replace('\\', '/'), queueConfig(queues));
        var config = new ElasticMQServerConfig(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
        Function0<?> stop;
        try {
            stop = new ElasticMQServer(config).start();
        } catch (RuntimeException e) {
            RUNNING.set(false);
            throw e;
        }
        return new EmbeddedSqs(stop, URI.create("http://" + settings.publicHost() + ":" + port));
    }

    private static String queueConfig(List<QueueSpec> queues) {
        StringBuilder hocon = new StringBuilder();
        for (QueueSpec queue : queues) {
            hocon.append('"').append(queue.name()).append("\" {")
                    .append(" defaultVisibilityTimeout = ").append(queue.visibilityTimeoutSeconds()).append(" seconds,")
                    .append(" delay = ").append(queue.delaySeconds()).append(" seconds,")
                    .append(" receiveMessageWait = ").append(queue.receiveWaitSeconds()).append(" seconds");
            if (queue.redrive() != null) {
                hocon.append(", deadLettersQueue { name = \"").append(queue.redrive().deadLetterQueueName())
                        .append("\", maxReceiveCount = ").append(queue.redrive().maxReceiveCount()).append(" }");
            }
            hocon.append(" }\n");
        }
        return hocon.toString();
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws ReflectiveOperationException {
        try {
            stop.apply();
        } finally {
            releaseMessageStore();
        }
    }

    /**
     * ElasticMQ opens its H2 store once per JVM and never again; close it and clear that flag so that a later start
     * in this JVM (a restart, another data dir) uses its own store instead of silently sharing the first one.
     */
    private static void releaseMessageStore() throws ReflectiveOperationException {
        ConnectionPool$.MODULE$.closeAll();
        Field initialized = Class.forName("org.elasticmq.persistence.sql.DB$").getDeclaredField("initialized");
        initialized.setAccessible(true);
        initialized.setBoolean(null, false);
        RUNNING.set(false);
    }
}
