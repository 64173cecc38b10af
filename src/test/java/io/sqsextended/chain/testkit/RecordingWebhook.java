package io.sqsextended.chain.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** An HTTP endpoint on loopback that records every POST it gets and answers with a status the test sets. */
public final class RecordingWebhook implements AutoCloseable {

    /** One request: its path, headers (case-insensitive) and body. */
    public record Post(String path, Headers headers, byte[] body) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile int status = 204;

    private RecordingWebhook(HttpServer server) {
        this.server = server;
    }

    public static RecordingWebhook start() throws IOException {
        RecordingWebhook webhook = new RecordingWebhook(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        webhook.server.createContext("/", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            webhook.posts.add(new Post(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    body.toByteArray()));
            exchange.sendResponseHeaders(webhook.status, -1);
            exchange.close();
        });
        webhook.server.start();
        return webhook;
    }

    /** e.g. {@code http://127.0.0.1:12345/hook} for {@code /hook}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Post> posts() {
        return posts;
    }

    /** The status of the answers from now on (204 unless set). */
    public void answer(int status) {
        this.status = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
