package io.sqsextended.chain.local.s3.store;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The embedded S3 refuses what S3 refuses: writes over a key under If-None-Match: *, and aborts of uploads it does not
 * have.
 */
class ConditionalWritesTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static S3Presigner presigner;
    static SqsClient sqs;
    static Queues notifications;
    static String bucket;
    final String key = "input/" + UUID.randomUUID() + "/payload.txt";
    final byte[] original = "the producer's payload".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        presigner = stack.presigner();
        sqs = stack.sqs();
        bucket = stack.bucket();
        notifications = stack.notifications();
    }

    @Test
    void aConditionalPutOfANewKeyIsStored() {
        assertThat(TestStacks.put(presignConditional(key, original), original).statusCode()).isEqualTo(200);

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    @Test
    void aConditionalPutOverAnExistingKeyIsPreconditionFailedAndStoresNothing() {
        assertThat(TestStacks.put(presignConditional(key, original), original).statusCode()).isEqualTo(200);
        byte[] other = "an overwrite attempt!".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = TestStacks.put(presignConditional(key, other), other);

        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(refused.body()).contains("<Code>PreconditionFailed</Code>");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    @Test
    void aConditionalPutOfALargeBodyOverAnExistingKeyIsAnswered412NotReset() {
        byte[] large = filled('a', 8 << 20);
        assertThat(TestStacks.put(presignConditional(key, original), original).statusCode()).isEqualTo(200);

        assertThat(TestStacks.put(presignConditional(key, large), large).statusCode()).isEqualTo(412);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    @Test
    void aRefusedConditionalPutPublishesNoEvent() {
        TestStacks.put(presignConditional(key, original), original);
        TestStacks.put(presignConditional(key, original), original);
        // a later object's event has arrived: events are published in order, so a second one of the key would be in
        String later = key + ".later";
        TestStacks.put(presignConditional(later, original), original);
        notifications.awaitMessages(m -> m.body().contains(later), 1);

        assertThat(notifications.matching(m -> m.body().contains("\"key\":\"" + key + "\""))).hasSize(1);
    }

    @Test
    void anUnconditionalPutStillReplacesAnObject() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(original));

        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("replaced"));

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("replaced");
    }

    @Test
    void ofTwoConcurrentConditionalPutsOfOneKeyExactlyOneIsStored() throws Exception {
        byte[] first = filled('a', 4 << 20);
        byte[] second = filled('b', 4 << 20);
        PresignedPutObjectRequest firstUrl = presignConditional(key, first);
        PresignedPutObjectRequest secondUrl = presignConditional(key, second);
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> awaitThenPut(start, firstUrl, first));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> awaitThenPut(start, secondUrl, second));
        start.countDown();

        assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 412);
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        assertThat(stored).isEqualTo(a.get() == 200 ? first : second);
    }

    @Test
    void aConditionalCompletionOverAnExistingKeyIsPreconditionFailed() {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromString("the multipart payload")).eTag();
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(original));

        S3Exception refused = catchThrowableOfType(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                .uploadId(uploadId).ifNoneMatch("*").multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag)))),
                        S3Exception.class);

        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    @Test
    void aConditionalCompletionOfANewKeyIsStored() {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(original)).eTag();

        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    @Test
    void anAbortNamingAnotherKeyThanTheUploadsIsNotFoundAndAbortsNothing() {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(original)).eTag();

        S3Exception refused = catchThrowableOfType(()
                -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key + "-other")
                .uploadId(uploadId)), S3Exception.class);

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(original);
    }

    private PresignedPutObjectRequest presignConditional(String objectKey, byte[] body) {
        return presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5)).putObjectRequest(p -> p
                .bucket(bucket).key(objectKey).contentType("text/plain").contentLength((long) body.length)
                        .ifNoneMatch("*")));
    }

    private static int awaitThenPut(CountDownLatch start, PresignedPutObjectRequest presigned, byte[] body) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return TestStacks.put(presigned, body).statusCode();
    }

    private static byte[] filled(char c, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
