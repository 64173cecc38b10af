package io.sqsextended.chain.local.sqs;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.local.faults.FaultInjection;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The embedded SQS's public port: ElasticMQ (Pekko HTTP, no place for a handler of ours) listens on a loopback port
 * of its own, and this front forwards every request there as it came, streaming both ways on a Vert.x event loop.
 * Each request first waits the injected latency (a timer, no thread held), then is answered with an injected fault
 * in the protocol it used, or forwarded.
 */
final class SqsFront implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    /** Long polls hold a connection each for up to 20 s: room for many receivers at once. */
    private static final int MAX_CONNECTIONS = 1024;
    /**
     * Below Pekko's idle timeout (60 s): a pooled connection is dropped by us before ElasticMQ closes it under a
     * request.
     */
    private static final int KEEP_ALIVE_SECONDS = 30;
    /** Per connection, not end to end: forwarded on each hop by Vert.x itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding",
            "te", "trailer", "upgrade");

    private final Vertx vertx;
    private final HttpClient upstream;
    private final FaultInjection injection;

    private SqsFront(Vertx vertx, HttpClient upstream, FaultInjection injection) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.injection = injection;
    }

    /** Listens on {@code bindAddress:port}, forwarding to ElasticMQ on the loopback's {@code upstreamPort}. */
    static SqsFront start(String bindAddress, int port, int upstreamPort, FaultInjection injection)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.min(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        // closed with a reset: Pekko answers a FIN by awaiting the response (a 20 s long poll, which its stop awaits)
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(LOOPBACK)
                .setDefaultPort(upstreamPort)
                .setKeepAlive(true).setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setSoLinger(0), new PoolOptions()
                        .setHttp1MaxSize(MAX_CONNECTIONS));
        SqsFront front = new SqsFront(vertx, client, injection);
        // the query protocol may carry a whole message in the URI: as long a request line as Pekko takes
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(bindAddress).setPort(port)
                .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(16 * 1024)).requestHandler(front::accept);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get();
            return front;
        } catch (ExecutionException e) {
            vertx.close();
            throw new IllegalStateException("The embedded SQS cannot listen on " + bindAddress + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private void accept(HttpServerRequest request) {
        // nothing of the body is read before the request's turn
        request.pause();
        long delay = injection.delayNanos();
        if (delay > 0) {
            vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delay + 999_999)), timer -> answer(request));
        } else {
            answer(request);
        }
    }

    private void answer(HttpServerRequest request) {
        int fault = injection.faultStatus();
        if (fault != 0) {
            // the body is read and dropped first, so that the connection stays usable for the next request
            request.handler(ignored -> { }).endHandler(end -> fail(request, fault)).resume();
        } else {
            forward(request);
        }
    }

    private void forward(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        upstream.request(new RequestOptions().setMethod(request.method()).setURI(request.uri())).onComplete(opened -> {
            if (opened.failed()) {
                // as if the embedded SQS were down: the client retries on a new connection
                request.connection().close();
                return;
            }
            var forwarded = opened.result();
            copy(request.headers(), forwarded.headers());
            response.closeHandler(closed -> forwarded.reset());
            forwarded.response().onSuccess(answer -> relay(answer, response))
                    .onFailure(failed -> request.connection().close());
            boolean chunked = "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
            if (chunked || request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                forwarded.setChunked(chunked);
                request.pipeTo(forwarded);
            } else {
                request.resume();
                forwarded.end();
            }
        });
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
        copy(answer.headers(), response.headers());
        response.setChunked(!answer.headers().contains(HttpHeaders.CONTENT_LENGTH));
        answer.pipeTo(response);
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /**
     * SQS's error in the protocol of the request, so that the SDKs see a server error they retry: AWS JSON 1.0 (an
     * {@code X-Amz-Target} header; the query-compatible code in {@code x-amzn-query-error}) or the query protocol's
     * XML.
     */
    private static void fail(HttpServerRequest request, int status) {
        String code = status == 503 ? "ServiceUnavailable" : "InternalFailure";
        String message = status == 503 ? "The request has failed due to a temporary failure of the server."
                : "The request processing has failed because of an unknown error, exception or failure.";
        String requestId = UUID.randomUUID().toString();
        HttpServerResponse response = request.response().setStatusCode(status).putHeader("x-amzn-RequestId", requestId);
        if (request.headers().contains("X-Amz-Target")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/x-amz-json-1.0")
                    .putHeader("x-amzn-query-error", code + ";Receiver")
                    .end("{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\"" + message + "\"}");
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/xml")
                    .end("<?xml version=\"1.0\"?><ErrorResponse "
                            + "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error>"
                            + "<Type>Receiver</Type><Code>" + code + "</Code>"
                            + "<Message>" + message + "</Message><Detail/></Error>"
                            + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");
        }
    }

    @Override
    public void close() throws InterruptedException, ExecutionException {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
