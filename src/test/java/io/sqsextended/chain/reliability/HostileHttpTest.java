package io.sqsextended.chain.reliability;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.CapturedLogs;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RawHttp;
import io.sqsextended.chain.testkit.UniqueSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a thousand generated malformed requests across every endpoint of the HTTP API, over raw sockets (framing no
 * client would send) and HttpClient: never a 5xx, and the server still answers a valid request afterwards, also
 * while many connections trickle their bodies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileHttpTest {

    static final int TIMEOUT_MILLIS = 10_000;
    static final String UNSUPPORTED_VERSION = "(unsupported HTTP version)";
    static final String INCOMPLETE = "(incomplete)";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> PATHS = List.of("/v1/uploads", "/v1/uploads/complete",
            "/v1/uploads/upload-id?key=input%2Fa.txt",
            "/v1/downloads", "/v1/downloads/input/a.txt", "/downloads/input/a.txt", "/presign", "/v1/openapi.json",
                    "/v1/messages", "/",
            "/v1", "/v1/", "/v1/uploads/", "/V1/UPLOADS", "/v1//uploads", "/v1/downloads/../../etc/passwd",
                    "/v1/downloads/%2e%2e%2f%2e%2e%2fetc",
            "/v1/downloads/input%2F..%2F..%2Fx", "/v1/downloads/%00", "/v1/downloads/%ZZ", "/v1/downloads/%",
                    "/v1/downloads/" + "a".repeat(5000),
            "/v1/uploads;jsessionid=1", "/v1/uploads?x=" + "q".repeat(3000),
                    "/v1/downloads/input/a.txt?versionId=1&versionId=2", "//v1/uploads",
            "/observe/health", "/q/dev", "/jolokia", "/actuator/env");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "FOO", "post");
    static final List<String> BODIES = List.of("", "{", "null", "[]", "{}", "\"x\"",
            "{\"contentType\":\"text/plain\",\"contentLength\":1}",
            "{\"key\":\"input/a.txt\"}", "{\"key\":\"../../etc/passwd\"}",
                    "{\"object_key\":\"input/a.txt\",\"action\":\"getObject\"}",
            "{\"object_key\":\"/etc/passwd\",\"action\":\"putObject\"}",
                    "{\"key\":\"input/a\",\"uploadId\":\"u\",\"parts\":[{\"partNumber\":1,\"eTag\":\"e\"}]}",
            "{\"a\":" .repeat(5000) + "1" + "}".repeat(5000), "[" .repeat(100_000),
                    "{\"contentType\":\"text/plain\",\"contentLength\":1}{}",
            "{\"contentType\":\"text/plain\",\"contentType\":\"text/plain\",\"contentLength\":1}", "\uFEFF{}",
                    "{\"key\":\"\\u0000\"}");
    static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/json; charset=utf-16", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "*/*", "application/problem+json", "garbage");

    static CapturedLogs logs;
    static final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .property(ConsumerSettings.ENABLED.name(), "false")
            .beforeStart(c -> logs = c.closing(CapturedLogs.open("hostile-http-logs")));

    @Test
    @Order(1)
    void noMalformedRequestGetsA5xx() throws Exception {
        List<Hostile> requests = generate();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(1000);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Hostile request = requests.get(i);
                String name = i + " " + request.name;
                done.add(pool.submit(() -> outcomes.put(name,
                        RawHttp.exchange(port(), request.bytes, TIMEOUT_MILLIS))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Integer> byStatus = new TreeMap<>();
        outcomes.values().forEach(status -> byStatus.merge(status, 1, Integer::sum));
        System.out.printf(
                "Hostile HTTP: %d requests, answers by status (0: closed without answer, -1: no answer in %d ms): %s%n",
                outcomes.size(), TIMEOUT_MILLIS, byStatus);
        // Vert.x's HTTP codec answers an unknown protocol version with 501 before any handler runs: the one 5xx allowed
        assertThat(outcomes).as("requests answered 5xx").allSatisfy((name, status) -> assertThat(status).as(name)
                .isLessThan(name.contains(UNSUPPORTED_VERSION) ? 600 : 500));
        // an incomplete request is waited for (Vert.x has no idle
        // timeout here: see the report); all others are answered
        assertThat(outcomes).as("requests left without an answer")
                .allSatisfy((name, status) -> assertThat(status).as(name)
                .isNotEqualTo(name.contains(INCOMPLETE) ? Integer.MIN_VALUE : RawHttp.TIMED_OUT));
        assertThat(logs.count("Unhandled exception in router")).as("client failures logged as errors with stack traces")
                .isZero();
    }

    @Test
    @Order(2)
    void aMalformedPercentEscapeIsAProblemAnswerNotAnErrorWithAStackTrace() throws Exception {
        long before = logs.count("Unhandled exception in router");
        int status = RawHttp.exchange(port(), RawHttp.request("GET", "/v1/downloads/input%ZZ",
                "Authorization: Bearer " + UniqueSecrets.CONSUMER_TOKEN + "\r\n", null), TIMEOUT_MILLIS);

        assertThat(status).isEqualTo(400);
        assertThat(logs.count("Unhandled exception in router")).isEqualTo(before);
    }

    @Test
    @Order(2)
    void theServerAnswersAValidRequestAfterwards() throws Exception {
        assertThat(validUpload().statusCode()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void theServerStaysResponsiveWhileManyConnectionsTrickleTheirBodies() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + UniqueSecrets.PRODUCER_TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"content")
                                .getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(socket);
            }
            long started = System.nanoTime();
            assertThat(validUpload().statusCode()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            // a slow body that finally arrives is answered (here: malformed JSON, a 400)
            slow.get(0).getOutputStream().write(("Type\":1}" + " ".repeat(1000 - 17)).getBytes(StandardCharsets.UTF_8));
            slow.get(0).setSoTimeout(TIMEOUT_MILLIS);
            assertThat(RawHttp.status(slow.get(0).getInputStream())).isEqualTo(400);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    @Order(4)
    void noTokenOrSignatureIsLoggedWhileMalformedRequestsAreRefused() {
        logs.assertNoSecrets(UniqueSecrets.secrets());
    }

    record Hostile(String name, byte[] bytes) {
    }

    static List<Hostile> generate() {
        List<Hostile> all = new ArrayList<>();
        String admin = "Authorization: Bearer " + UniqueSecrets.ADMIN_TOKEN + "\r\n";
        // every method on every path, with and without a token
        for (String path : PATHS) {
            for (String method : METHODS) {
                all.add(new Hostile(method + " " + path + " (admin)", RawHttp.request(method, path, admin, null)));
                all.add(new Hostile(method + " " + path + " (no token)", RawHttp.request(method, path, "", null)));
            }
        }
        // every JSON endpoint with every body and content type
        for (String path : List.of("/v1/uploads", "/v1/uploads/complete", "/v1/downloads", "/presign",
                "/v1/messages")) {
            for (String body : BODIES) {
                for (String type : CONTENT_TYPES) {
                    all.add(new Hostile("POST " + path + " " + type + " " + abbreviate(body),
                            RawHttp.request("POST", path, admin + "Content-Type: " + type + "\r\n",
                                    RawHttp.bytes(body))));
                }
            }
        }
        // authorization headers
        for (String auth : List.of("", "Bearer", "Bearer ", "Bearer wrong", "Basic YWRtaW46YWRtaW4=", "bearer "
                + UniqueSecrets.ADMIN_TOKEN,
                "Bearer " + UniqueSecrets.ADMIN_TOKEN + " extra", "Bearer " + "t".repeat(7000), "Bearer "
                        + UniqueSecrets.CONSUMER_TOKEN, "Bearer " + UniqueSecrets.PRODUCER_TOKEN,
                "Bearer \u00e9\u00e8", "Bearer " + UniqueSecrets.ADMIN_TOKEN + "\r\nAuthorization: Bearer wrong",
                        "Bearer sha256:" + "0".repeat(64))) {
            for (String path : List.of("/v1/uploads", "/v1/downloads", "/presign", "/v1/downloads/input/a.txt",
                    "/v1/uploads/u?key=input%2Fa")) {
                String method = path.startsWith("/v1/downloads/") ? "GET" : path.startsWith("/v1/uploads/u") ? "DELETE"
                        : "POST";
                all.add(new Hostile(method + " " + path + " auth " + abbreviate(auth), RawHttp.request(method, path,
                        "Authorization: " + auth + "\r\nContent-Type: application/json\r\n",
                                RawHttp.bytes("{\"contentType\":\"text/plain\",\"contentLength\":1}"))));
            }
        }
        // huge headers and bodies
        for (int size : new int[] {1_000, 8_000, 8_193, 16_000, 64_000, 200_000, 1_000_000}) {
            all.add(new Hostile("header of " + size,
                    RawHttp.request("POST", "/v1/uploads", admin + "X-Big: " + "h".repeat(size) + "\r\n",
                    RawHttp.bytes("{}"))));
            all.add(new Hostile("many headers " + size / 100,
                    RawHttp.request("GET", "/v1/openapi.json", "X-H: v\r\n".repeat(size / 100), null)));
            all.add(new Hostile("body of " + size,
                    RawHttp.request("POST", "/v1/uploads", admin + "Content-Type: application/json\r\n",
                    RawHttp.bytes("{\"contentType\":\"" + "x".repeat(size) + "\",\"contentLength\":1}"))));
            all.add(new Hostile("long URI " + size,
                    RawHttp.request("GET", "/v1/downloads/" + "u".repeat(size), admin, null)));
        }
        all.add(new Hostile("body of 8 MB",
                RawHttp.request("POST", "/presign", admin + "Content-Type: application/json\r\n", new byte[8 << 20])));
        // framing no client sends
        List<String> framing = List.of(
                "GET / HTTP/1.1\r\n\r\n", "GET /v1/openapi.json\r\n\r\n",
                        "GET /v1/openapi.json HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.0\r\n\r\n", "GET /v1/openapi.json HTTP/2.0\r\nHost: x\r\n\r\n",
                        "garbage\r\n\r\n",
                "GET  /v1/openapi.json  HTTP/1.1\r\nHost: x\r\n\r\n",
                        "GET http://evil.example/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET * HTTP/1.1\r\nHost: x\r\n\r\n", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
                        + "3\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                        + "chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
                        "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n",
                        "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\n: empty name\r\n\r\n",
                        "GET /v1/openapi.json HTTP/1.1\nHost: x\n\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\n folded: header\r\n\r\n",
                        "GET /v1/openapi.json HTTP/1.1\r\nHost: \u00ff\u00fe\r\n\r\n",
                "GET /v1/open\u0000api.json HTTP/1.1\r\nHost: x\r\n\r\n",
                        "GET /v1/downloads/input/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
                        "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nExpect: 999-x\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, "
                        + "HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\nAccept: application/xml;q=1, */*;q=0\r\n\r\n",
                "GET /v1/downloads/input/a.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + UniqueSecrets.CONSUMER_TOKEN + "\r\nRange: bytes=0-1\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 2\r\n\r\n{}",
                "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n");
        for (int i = 0; i < framing.size(); i++) {
            String name = framing.get(i).matches("(?s)[^\r]* HTTP/(9\\.9|2\\.0)\r\n.*") ? UNSUPPORTED_VERSION : "";
            all.add(new Hostile("framing " + i + name + ": " + abbreviate(framing.get(i)), framing.get(i)
                    .getBytes(StandardCharsets.ISO_8859_1)));
        }
        // requests that never complete: the server waits for the rest, the client's timeout bounds the wait
        for (String incomplete : List.of("\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + "5\r\n\r\n{}")) {
            all.add(new Hostile("framing " + INCOMPLETE + ": " + abbreviate(incomplete),
                    incomplete.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return all;
    }

    private static HttpResponse<String> validUpload() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(chain.api() + "/v1/uploads")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + UniqueSecrets.PRODUCER_TOKEN)
                        .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contentType\":\"text/plain\",\"contentLength\":5}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int port() {
        return chain.api().getPort();
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...(" + flat.length() + ")";
    }
}
