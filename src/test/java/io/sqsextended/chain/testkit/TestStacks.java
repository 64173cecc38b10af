package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings;

/** Embedded stacks for tests: any free ports, a data dir of the test's own, the project's template. */
public final class TestStacks {

    public static final String TEMPLATE = Path.of("infra/cloudformation/sqs-extended-chain.yaml").toAbsolutePath()
            .toString();
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // HttpClient sets these itself (and refuses them); the body length equals the signed Content-Length
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");
    public static final LocalSettings.ByService<LocalSettings.Latency> NO_LATENCY = LocalSettings.ByService.both(
            LocalSettings.Latency.NONE);
    public static final LocalSettings.ByService<LocalSettings.Fault> NO_FAULTS = LocalSettings.ByService.both(
            LocalSettings.Fault.NONE);

    private TestStacks() {
    }

    public static LocalSettings settings(Path dataDir) {
        return settings(dataDir, TEMPLATE, Map.of());
    }

    public static LocalSettings settings(Path dataDir, String template, Map<String, String> parameters) {
        return new LocalSettings(dataDir, "127.0.0.1", 0, 0, null, "test-access-key", "test-secret-key", "us-east-1",
                template, "sqs-extended-chain", parameters, 1 << 20, NO_LATENCY, NO_FAULTS);
    }

    public static LocalAws start(LocalSettings settings) {
        LocalAws local = new LocalAws(settings);
        local.start();
        return local;
    }

    /** An S3 client of local mode whose calls are tried once: each injected fault reaches the test. */
    public static S3Client s3WithoutRetries(AwsSettings settings) {
        return S3Client.builder().endpointOverride(settings.s3Endpoint()).forcePathStyle(true)
                .region(AwsClients.region(settings))
                .credentialsProvider(AwsClients.credentials(settings))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** An SQS client of local mode whose calls are tried once. */
    public static SqsClient sqsWithoutRetries(AwsSettings settings) {
        return SqsClient.builder().endpointOverride(settings.sqsEndpoint()).region(AwsClients.region(settings))
                .credentialsProvider(AwsClients.credentials(settings))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    public static String bucket(LocalAws local) {
        return local.outputs().get("BucketName");
    }

    /** A presigned PUT of {@code body} as {@code text/plain}, made with the SDK presigner. */
    public static PresignedPutObjectRequest presignPut(LocalAws local, String key, byte[] body, Duration ttl) {
        try (S3Presigner presigner = AwsClients.presigner(local.clientSettings())) {
            return presigner.presignPutObject(r -> r.signatureDuration(ttl).putObjectRequest(p -> p
                    .bucket(bucket(local)).key(key).contentType("text/plain").contentLength((long) body.length)));
        }
    }

    /** Sends the presigned PUT with its signed headers; returns the HTTP status. */
    public static int upload(PresignedPutObjectRequest presigned, byte[] body) {
        return upload(presigned.url().toString(), presigned.signedHeaders(), body);
    }

    public static int upload(String url, Map<String, List<String>> headers, byte[] body) {
        return send(presignedPut(url, headers, body)).statusCode();
    }

    /** The presigned PUT with its signed headers; the answer with its body (S3's XML error). */
    public static HttpResponse<String> put(PresignedPutObjectRequest presigned, byte[] body) {
        return send(presignedPut(presigned.url().toString(), presigned.signedHeaders(), body));
    }

    private static HttpRequest presignedPut(String url, Map<String, List<String>> headers, byte[] body) {
        // Expect: 100-continue, as the AWS SDKs send: S3 refuses before the body is sent, not halfway through it
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            // a connection of its own: S3 may close one after refusing a request, and a pooled one could be that one
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
