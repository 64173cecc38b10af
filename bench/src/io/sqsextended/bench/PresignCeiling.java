package io.sqsextended.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.api.UploadOwner;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.presign.DownloadTicket;
import io.sqsextended.chain.presign.KeyPolicy;
import io.sqsextended.chain.presign.S3Presigning;
import io.sqsextended.chain.presign.SigningCredentials;
import io.sqsextended.chain.presign.UploadTicket;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The fair ceiling of the presign API: a minimal Vert.x HTTP server (no Camel, no metrics, no logging) doing what
 * POST /v1/uploads and POST /v1/downloads must do: bearer-token check (SHA-256 digest, constant-time compare), JSON
 * in and out (Jackson, the same ticket records), the product's key rules ({@link KeyPolicy}) and the same presign and
 * HEAD ({@link S3Presigning}, SDK S3Presigner and S3Client), run off the event loop as platform-http runs routes.
 */
final class PresignCeiling implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Presigning transfers;
    private final KeyPolicy keys = new KeyPolicy("input/", List.of("input/"), Clock.systemUTC(),
            LocalSettings.MAX_KEY_SEGMENT_BYTES);
    private final byte[] producer = sha256(ApiClient.PRODUCER);
    private final byte[] consumer = sha256(ApiClient.CONSUMER);
    private final HttpServer server;

    PresignCeiling(AwsSettings aws, String bucket) throws Exception {
        s3 = AwsClients.s3(aws);
        presigner = AwsClients.presigner(aws);
        transfers = new S3Presigning(s3, presigner, bucket,
                new SigningCredentials(AwsClients.credentials(aws), Duration.ofMinutes(15),
                Clock.systemUTC()));
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    private void handle(HttpServerRequest request) {
        boolean uploads = "/v1/uploads".equals(request.path());
        if (!uploads && !"/v1/downloads".equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        byte[] token = bearerDigest(request.getHeader("Authorization"));
        if (token == null || !MessageDigest.isEqual(token, uploads ? producer : consumer)) {
            request.response().setStatusCode(401).end();
            return;
        }
        request.body().compose(body -> vertx.executeBlocking(() -> uploads ? upload(body, token) : download(body),
                false))
                .onSuccess(reply -> request.response().setStatusCode(uploads ? 201 : 200)
                        .putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(reply)))
                .onFailure(e -> request.response().setStatusCode(400).end(String.valueOf(e.getMessage())));
    }

    private byte[] upload(Buffer body, byte[] token) throws Exception {
        JsonNode request = JSON.readTree(body.getBytes());
        long length = request.path("contentLength").asLong();
        String contentType = request.path("contentType").asText();
        if (length <= 0 || contentType.isEmpty()) {
            throw new IllegalArgumentException("contentType and contentLength are required");
        }
        String key = keys.newUploadKey(request.path("fileName").asText(null), UploadOwner.of(token));
        S3Presigning.Presigned put = transfers.presignPut(key, contentType, length, Map.of(),
                new S3Presigning.Checksums(null, null));
        return JSON.writeValueAsBytes(new UploadTicket(transfers.bucket(), key, "PUT", put.url().toString(),
                put.headers(), null, null,
                null, put.expiresAt().toString(), null));
    }

    private byte[] download(Buffer body) throws Exception {
        String key = keys.downloadKey(JSON.readTree(body.getBytes()).path("key").asText(null));
        HeadObjectResponse head = transfers.head(key);
        S3Presigning.Presigned get = transfers.presignGet(key);
        return JSON.writeValueAsBytes(new DownloadTicket(transfers.bucket(), key, "GET", get.url().toString(),
                get.expiresAt().toString(),
                head.contentLength(), head.contentType(), head.eTag(), head.checksumCRC64NVME(),
                        head.checksumSHA256()));
    }

    private static byte[] bearerDigest(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? sha256(authorization.substring(7)) : null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        presigner.close();
        s3.close();
    }
}
