package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests (binaries from Maven Central), one per test JVM, each test on a database of its own.
 * It can be stopped and started again on the same port and data, as an outage of the database.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres instance;

    private final Path data;
    private EmbeddedPostgres server;
    private int port;
    private boolean running;

    private Postgres() throws IOException {
        data = Files.createTempDirectory("chain-postgres");
        start();
        // tens of MiB per test JVM: stopped and deleted when the JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "chain-postgres-cleanup"));
    }

    /** The server, started on first use. */
    public static synchronized Postgres get() {
        try {
            if (instance == null) {
                instance = new Postgres();
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database: its JDBC URL. */
    public String newDatabase() {
        String name = "chain_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /** Stops the server: clients get connection errors until {@link #start()}. */
    public synchronized void stop() throws IOException {
        server.close();
        running = false;
    }

    /** Starts it (again) on the same port and data. */
    public synchronized void start() throws IOException {
        // a loaded machine (CI, two cores) may take longer than the library's 10 s to start it
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        server = (port == 0 ? builder : builder.setPort(port)).start();
        port = server.getPort();
        running = true;
    }

    private synchronized void removeAll() {
        try {
            if (running) {
                stop();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not remove the tests' PostgreSQL at " + data + ": " + e);
        }
    }

    /** Starts it again if a test stopped it and failed before starting it. */
    public synchronized void startIfStopped() throws IOException {
        if (!running) {
            start();
        }
    }
}
