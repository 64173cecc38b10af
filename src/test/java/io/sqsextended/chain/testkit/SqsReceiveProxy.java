package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy on loopback in front of an SQS endpoint (the AWS JSON protocol the SDK speaks) that records every
 * ReceiveMessage (queue, ReceiveRequestAttemptId, the ids of the messages answered) and can lose answers: the request
 * reaches SQS, which hands its messages out, and the client gets a 500 instead, as when an answer is lost on the way;
 * or can refuse receives with a 400 without forwarding them, as SQS refuses a request it will not take.
 */
public final class SqsReceiveProxy implements AutoCloseable {

    /**
     * One ReceiveMessage: its queue URL, its attempt id (null: none), what SQS answered, whether it was lost,
     * whether the proxy refused it (not forwarded).
     */
    public record Receive(String queueUrl, String attemptId, List<String> messageIds, boolean lost, boolean refused) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HttpClient sets these itself, or they are per connection. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive");
    private static final byte[] LOST = ("{\"__type\":\"com.amazonaws.sqs#InternalFailure\",\"message\":\"The answer "
            + "was lost by the test's proxy.\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] REFUSED = ("{\"__type\":\"com.amazonaws.sqs#InvalidParameterValue\","
            + "\"message\":\"Refused by the test's proxy.\"}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Receive> receives = new CopyOnWriteArrayList<>();
    private final AtomicInteger toLose = new AtomicInteger();
    private volatile String lossyQueue = "";
    private final AtomicInteger toRefuse = new AtomicInteger();
    private volatile String refusingQueue = "";

    private SqsReceiveProxy(HttpServer server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Forwards to {@code upstream} (e.g. {@code http://127.0.0.1:4566}). */
    public static SqsReceiveProxy start(URI upstream) throws IOException {
        SqsReceiveProxy proxy = new SqsReceiveProxy(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
                upstream);
        // long polls hold a thread each
        proxy.server.setExecutor(proxy.threads);
        proxy.server.createContext("/", proxy::handle);
        proxy.server.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Loses the answers of the next {@code count} receives from {@code queueName} that carry messages. */
    public void loseAnswersWithMessages(String queueName, int count) {
        lossyQueue = queueName;
        toLose.set(count);
    }

    /** Refuses the next {@code count} receives from {@code queueName} with a 400, without forwarding them. */
    public void refuseReceives(String queueName, int count) {
        refusingQueue = queueName;
        toRefuse.set(count);
    }

    /** The receives from {@code queueName} so far, in the order they were answered. */
    public List<Receive> receives(String queueName) {
        return receives.stream().filter(receive -> receive.queueUrl().endsWith("/" + queueName)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean receive = "AmazonSQS.ReceiveMessage".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (receive && refused(JSON.readTree(body))) {
                fail(exchange, 400, "InvalidParameterValue;Sender", REFUSED);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (receive && record(JSON.readTree(body), answer)) {
                fail(exchange, 500, "InternalFailure;Receiver", LOST);
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } finally {
            exchange.close();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void fail(HttpExchange exchange, int status, String queryError, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-query-error", queryError);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Records a receive the proxy refuses, if it is one. */
    private boolean refused(JsonNode sent) {
        String queueUrl = sent.path("QueueUrl").asText();
        if (!queueUrl.endsWith("/" + refusingQueue) || toRefuse.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
            return false;
        }
        receives.add(new Receive(queueUrl, attemptId(sent), List.of(), false, true));
        return true;
    }

    private static String attemptId(JsonNode sent) {
        JsonNode attemptId = sent.get("ReceiveRequestAttemptId");
        return attemptId == null ? null : attemptId.asText();
    }

    /** Records a receive; returns whether its answer is to be lost. */
    private boolean record(JsonNode sent, HttpResponse<byte[]> answer) throws IOException {
        List<String> ids = new ArrayList<>();
        if (answer.statusCode() == 200) {
            JSON.readTree(answer.body()).path("Messages").forEach(message -> ids.add(message.path("MessageId")
                    .asText()));
        }
        String queueUrl = sent.path("QueueUrl").asText();
        boolean lost = !ids.isEmpty() && queueUrl.endsWith("/" + lossyQueue)
                && toLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        receives.add(new Receive(queueUrl, attemptId(sent), List.copyOf(ids), lost, false));
        return lost;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
