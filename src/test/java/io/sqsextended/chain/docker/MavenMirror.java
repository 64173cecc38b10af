package io.sqsextended.chain.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local Maven repository served on a loopback port as the image build's mirror: the build stage then reads what the
 * test build already downloaded in seconds instead of minutes;
 * what the repository lacks is redirected to Maven Central.
 */
final class MavenMirror implements AutoCloseable {

    private static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    private static final int STABLE_PORT = 47581;

    private final Path repository;
    private final HttpServer server;

    private MavenMirror(Path repository) throws IOException {
        this.repository = repository.toAbsolutePath().normalize();
        this.server = bind();
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * The same port each run where it is free: the URL is a build argument, and another one would rebuild every layer
     * after it.
     */
    private static HttpServer bind() throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", STABLE_PORT), 0);
        } catch (BindException e) {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
    }

    /** Serves {@code ~/.m2/repository} (Maven's {@code maven.repo.local} where the build set it). */
    static MavenMirror ofLocalRepository() {
        String local = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        try {
            return new MavenMirror(Path.of(local));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL a build on the host's network (docker build --network host) reaches it at. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URI.create(exchange.getRequestURI().getPath()).normalize().getPath();
            Path file = repository.resolve(path.substring(1)).normalize();
            boolean get = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
            if (!get || !file.startsWith(repository) || !Files.isRegularFile(file)) {
                exchange.getResponseHeaders().set("Location", CENTRAL + path);
                exchange.sendResponseHeaders(get ? 302 : 405, -1);
                return;
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
            if (!head) {
                try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
