package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.AwsTools;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded S3 checks, keeps and gives flexible checksums as S3 does. */
class FlexibleChecksumsTest {

    /** CRC-64/NVME of "123456789", the algorithm's published check value. */
    private static final String CRC64NVME_OF_CHECK_STRING = base64(0xAE8B14860A799888L);
    private static final byte[] CHECK_STRING = "123456789".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static Queues notifications;
    static String bucket;
    final String key = "input/" + UUID.randomUUID();

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
        notifications = stack.notifications();
    }

    @Test
    void aChecksumHeaderThatDoesNotMatchTheBodyIsRefusedWithBadDigestAndNothingIsStoredOrNotified() {
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key(key).checksumCRC32("AAAAAA=="),
                RequestBody.fromString("corrupted")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });

        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
        assertThat(filesNamed(key)).isEmpty();
        // events are sent in order: once a later one is here, one for the refused upload would be too
        String later = "input/" + UUID.randomUUID();
        s3.putObject(r -> r.bucket(bucket).key(later), RequestBody.fromString("fine"));
        notifications.awaitMessages(m -> m.body().contains(later), 1);
        assertThat(notifications.matching(m -> m.body().contains(key))).isEmpty();
    }

    @Test
    void aRefusedOverwriteLeavesTheObjectThatWasThere() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("the original"));

        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key(key).checksumCRC32("AAAAAA=="),
                RequestBody.fromString("corrupted")))
                .isInstanceOf(S3Exception.class);

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("the original");
    }

    @ParameterizedTest(name = "payload signed: {0}")
    @ValueSource(booleans = {false, true})
    void anAwsChunkedBodyWithAMatchingTrailerChecksumIsStoredWithIt(boolean signed) {
        byte[] body = "123456789".repeat(1000).getBytes(StandardCharsets.UTF_8);

        SignedRequest request = chunked(key, body, signed);
        assertThat(request.request().firstMatchingHeader("x-amz-content-sha256")).contains(signed
                ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER");

        HttpResponse<String> response = send(request, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(body);
        assertThat(headWithChecksums(key).checksumCRC32C()).isEqualTo(crc32c(body));
    }

    @Test
    void anAwsChunkedBodyWhoseTrailerChecksumDoesNotMatchIsRefusedWithBadDigest() {
        byte[] body = "123456789".repeat(1000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(chunked(key, body, false), "123456789");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>BadDigest</Code>");
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
        assertThat(filesNamed(key)).isEmpty();
    }

    @Test
    void aSignedAwsChunkedBodyChangedOnTheWayIsRefusedAsNotSigned() {
        byte[] body = "123456789".repeat(1000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(chunked(key, body, true), "123456789");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>");
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void anUploadSignedWithAnotherSecretIsRefusedAsS3DoesBeforeItsBodyIsRead() {
        var settings = local.clientSettings();
        var forged = new io.sqsextended.chain.wire.AwsSettings(settings.region(), settings.s3Endpoint(),
                settings.sqsEndpoint(),
                settings.accessKey(), "not-the-secret-key");
        try (S3Client client = new AwsTools(forged, stack.dataDir()).defaultJavaClient()) {
            assertThatThrownBy(() -> client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("forged")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void headWithChecksumModeGivesTheChecksumTheUploadNamed() {
        byte[] body = "named checksum".getBytes(StandardCharsets.UTF_8);
        s3.putObject(r -> r.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(body));

        HeadObjectResponse head = headWithChecksums(key);

        assertThat(head.checksumCRC32C()).isEqualTo(crc32c(body));
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void anObjectUploadedWithoutAChecksumGetsACrc64NvmeAsOnS3() {
        byte[] body = "123456789".getBytes(StandardCharsets.UTF_8);

        assertThat(TestStacks.upload(TestStacks.presignPut(local, key, body, java.time.Duration.ofMinutes(5)), body))
                .isEqualTo(200);

        assertThat(headWithChecksums(key).checksumCRC64NVME()).isEqualTo(CRC64NVME_OF_CHECK_STRING);
    }

    @Test
    void getWithChecksumModeGivesTheChecksum() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("123456789"));

        var get = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));

        assertThat(get.response().checksumCRC64NVME()).isEqualTo(CRC64NVME_OF_CHECK_STRING);
    }

    @Test
    void withoutChecksumModeNeitherTheChecksumNorTheMetadataKeepingItIsShown() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("123456789"));

        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));

        assertThat(head.checksumCRC64NVME()).isNull();
        assertThat(head.metadata()).isEmpty();
    }

    @Test
    void aClientCannotSetTheStoredChecksumThroughUserMetadata() {
        s3.putObject(r -> r.bucket(bucket).key(key).metadata(Map.of("sqs-extended-chain-checksum-crc64nvme", "forged")),
                RequestBody.fromString("123456789"));

        assertThat(headWithChecksums(key).checksumCRC64NVME()).isEqualTo(CRC64NVME_OF_CHECK_STRING);
    }

    @Test
    void aPutObjectAnswerRepeatsTheChecksumItNamedAsS3Does() {
        var put = s3.putObject(r -> r.bucket(bucket).key(key).checksumCRC32C(crc32c(CHECK_STRING)),
                RequestBody.fromBytes(CHECK_STRING));

        assertThat(put.checksumCRC32C()).isEqualTo(crc32c(CHECK_STRING));
        assertThat(put.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    /** The copy has the source's bytes: S3 keeps their checksum when the copy replaces the metadata too. */
    @Test
    void aCopyThatReplacesTheMetadataKeepsTheSourcesChecksumAsS3Does() {
        String sha256 = Base64.getEncoder().encodeToString(Sha256.of(CHECK_STRING));
        s3.putObject(r -> r.bucket(bucket).key(key).checksumSHA256(sha256), RequestBody.fromBytes(CHECK_STRING));
        String copy = key + "-copy";

        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(copy)
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("origin", "copy")));

        HeadObjectResponse head = headWithChecksums(copy);
        assertThat(head.checksumSHA256()).isEqualTo(sha256);
        assertThat(head.metadata()).containsEntry("origin", "copy");
    }

    @Test
    void anUploadPartAnswerRepeatsThePartsChecksumAsS3Does() {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();

        var part = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1)
                .checksumCRC32(crc32(CHECK_STRING)),
                RequestBody.fromBytes(CHECK_STRING));

        assertThat(part.checksumCRC32()).isEqualTo(crc32(CHECK_STRING));
    }

    @Test
    void aMultipartUploadNamingCrc32GetsTheCompositeChecksumOfItsPartsAsOnS3() {
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        var parts = Stream.of(part1, part2).map(new java.util.function.Function<byte[], CompletedPart>() {
            int number;

            @Override
            public CompletedPart apply(byte[] part) {
                int partNumber = ++number;
                var uploaded = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
                return CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).checksumCRC32(crc32(part))
                        .build();
            }
        }).toList();
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(u -> u.parts(parts)));

        HeadObjectResponse head = headWithChecksums(key);

        CRC32 ofPartChecksums = new CRC32();
        parts.forEach(part -> ofPartChecksums.update(Base64.getDecoder().decode(part.checksumCRC32())));
        assertThat(head.checksumCRC32()).isEqualTo(Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(4).putInt((int) ofPartChecksums.getValue()).array()) + "-2");
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    }

    @Test
    void aMultipartUploadNamingNoChecksumGetsTheFullObjectCrc64NvmeOfTheWholeAsOnS3() {
        byte[] part1 = "123".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        byte[] part2 = "456789".getBytes(StandardCharsets.US_ASCII);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String eTag2 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(
                CompletedPart.builder().partNumber(1).eTag(eTag1).build(), CompletedPart.builder().partNumber(2)
                        .eTag(eTag2).build())));

        HeadObjectResponse head = headWithChecksums(key);

        Crc64Nvme whole = new Crc64Nvme();
        whole.update(part1, 0, part1.length);
        whole.update(part2, 0, part2.length);
        assertThat(head.checksumCRC64NVME()).isEqualTo(base64(whole.getValue()));
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    private static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static HeadObjectResponse headWithChecksums(String key) {
        return s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    /** A PUT of {@code body} as aws-chunked with a CRC32C trailer, signed by the AWS SDK's own signer. */
    private static SignedRequest chunked(String key, byte[] body, boolean signedPayload) {
        var settings = local.clientSettings();
        // the SDK signs every payload sent over http: an unsigned
        // one it signs as if for https (the scheme is not signed)
        URI endpoint = signedPayload ? settings.s3Endpoint()
                : URI.create(settings.s3Endpoint().toString().replaceFirst("^http:", "https:"));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create(endpoint + "/" + bucket + "/" + key))
                .putHeader("x-amz-decoded-content-length", String.valueOf(body.length)).build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32C));
    }

    /**
     * Sends the signed request; with {@code replacing}, its first occurrence in the body becomes other bytes of the
     * same length.
     */
    private static HttpResponse<String> send(SignedRequest signed, String replacing) {
        try {
            byte[] wire = signed.payload().orElseThrow().newStream().readAllBytes();
            if (replacing != null) {
                String text = new String(wire, StandardCharsets.ISO_8859_1);
                wire = text.replaceFirst(replacing, new StringBuilder(replacing).reverse().toString())
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            URI http = URI.create(signed.request().getUri().toString().replaceFirst("^https:", "http:"));
            assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).get().asString()
                    .startsWith("STREAMING-");
            HttpRequest.Builder request = HttpRequest.newBuilder(http)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(wire));
            signed.request().forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            return TestStacks.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files in the store (or beside it) whose name starts with the key's last segment: a refused write leaves none.
     */
    private static Stream<Path> filesNamed(String key) {
        String leaf = key.substring(key.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.walk(stack.dataDir())) {
            return files.filter(file -> file.getFileName().toString().startsWith(leaf)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String crc32c(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String base64(long value) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(value).array());
    }
}
