package io.sqsextended.chain.local.sqs;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's H2 message store, opened here rather than by ElasticMQ so that it survives a full disk: H2 closes the
 * database for good after a write fails, and ElasticMQ's connection pool would hand out those dead connections until
 * a restart. This pool checks each connection before lending it, so the first write once space is back reopens it.
 */
final class MessageStore implements AutoCloseable {

    private static final String PROBE = "chain_store_probe";

    private final Path dir;
    private final String uri;

    private MessageStore(Path dir, String uri) {
        this.dir = dir;
        this.uri = uri;
    }

    /** Opens the store in {@code dir}, failing at once with the cause (read-only, locked by another process...). */
    static MessageStore open(Path dir) throws ReflectiveOperationException {
        // WRITE_DELAY=0: a message acknowledged to the sender survives kill -9
        String uri = "jdbc:h2:file:" + dir.resolve("messages").toString().replace('\\', '/') + ";WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(uri, "", "")) {
            write(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Local mode cannot open its message store in " + dir + ": "
                    + e.getMessage(), e);
        }
        ConnectionPoolSettings defaults = ConnectionPool$.MODULE$.singleton$default$4();
        ConnectionPoolSettings checked = new ConnectionPoolSettings(defaults.initialSize(), defaults.maxSize(),
                defaults.connectionTimeoutMillis(), "SELECT 1", defaults.connectionPoolFactoryName(),
                        defaults.driverName(),
                defaults.warmUpTime(), defaults.timeZone());
        ConnectionPool$.MODULE$.singleton(uri, "", "", checked,
                ConnectionPool$.MODULE$.singleton$default$5(uri, "", "", checked));
        // ElasticMQ opens its pool only when none is: it takes this one
        setElasticMqPoolInitialized(true);
        return new MessageStore(dir, uri);
    }

    String uri() {
        return uri;
    }

    /** Writes to the store, as a message would be: throws when it cannot keep one now. */
    void probe() throws SQLException {
        try (Connection connection = ConnectionPool$.MODULE$.borrow(ConnectionPool$.MODULE$.borrow$default$1())) {
            write(connection);
        }
    }

    /**
     * ElasticMQ opens its store once per JVM and never again; close it and clear that flag so that a later start in
     * this JVM (a restart, another data dir) uses its own store instead of silently sharing the first one.
     */
    @Override
    public void close() throws ReflectiveOperationException {
        ConnectionPool$.MODULE$.closeAll();
        setElasticMqPoolInitialized(false);
    }

    @Override
    public String toString() {
        return "message store in " + dir;
    }

    private static void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + PROBE + " (id int primary key, written timestamp)");
            statement.execute("merge into " + PROBE + " key (id) values (1, current_timestamp)");
        }
    }

    private static void setElasticMqPoolInitialized(boolean initialized) throws ReflectiveOperationException {
        Field flag = Class.forName("org.elasticmq.persistence.sql.DB$").getDeclaredField("initialized");
        flag.setAccessible(true);
        flag.setBoolean(null, initialized);
    }
}
