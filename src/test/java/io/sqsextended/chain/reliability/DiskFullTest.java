package io.sqsextended.chain.reliability;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.Message;
import io.sqsextended.chain.testkit.RawHttp;
import io.sqsextended.chain.testkit.RawPut;
import io.sqsextended.chain.testkit.Readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Local mode on a 16 MiB data disk that fills up: uploads that cannot be stored are refused with a 503 before their
 * body is read, a write that fails half-way leaves no partial file, readiness is DOWN while the disk is full, and
 * once space is freed messages and uploads work again without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskFullTest {

    static final Pattern TEMPORARY = Pattern.compile(
            ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    static SmallDisk disk;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .beforeStart(c -> disk = c.closing(SmallDisk.mount(c.dir("disk"), "size=16m")))
                    .dataDir(c -> disk.root.resolve("data"))
            .properties(Map.of(ConsumerSettings.ENABLED.name(), "false",
                    ChainKeys.LOCAL_STORAGE_RESERVE.name(), "1MiB"))
            .afterStart(c -> await().atMost(Duration.ofSeconds(20))
                    .until(() -> Readiness.status(c.management()) == 200));

    @Test
    @Order(1)
    void aPutLargerThanTheFreeSpaceIsRefusedWithA503BeforeItsBodyIsSent() throws Exception {
        long size = 64L << 20;

        String answer = headOnly(presignPut("input/too-big.bin", size).url(), size);

        assertThat(answer).startsWith("HTTP/1.1 503");
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    @Order(2)
    void aPutThatFindsTheDiskFullHalfWayIsRefusedWithA503AndLeavesNoPartialFile() throws Exception {
        long size = 4L << 20;
        try (RawPut put = new RawPut(presignPut("input/half-way.bin", size), size, size / 2)) {
            put.begin();
            await().until(() -> partialFiles().stream().anyMatch(file -> file.toFile().length() >= size / 2));
            disk.fill();

            assertThat(put.finish()).isEqualTo(503);
        } finally {
            disk.freeAll();
        }
        assertThat(partialFiles()).isEmpty();
        assertThatThrownBy(() -> chain.s3().headObject(r -> r.bucket(bucket()).key("input/half-way.bin")))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    @Order(3)
    void whileTheDiskIsFullMessagesAreNotAcknowledgedReadinessIsDownAndUploadsAndPartsAreRefused() throws Exception {
        String uploadId = chain.s3().createMultipartUpload(r -> r.bucket(bucket()).key("input/full-parts.bin"))
                .uploadId();
        String queueUrl = chain.sqs().getQueueUrl(r -> r.queueName(chain.property(ChainKeys.QUEUE.name()))).queueUrl();
        disk.fill();

        assertThatThrownBy(() -> chain.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("on a full disk")
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(3)))))
                        .as("a message the store could not keep is acknowledged")
                .isInstanceOf(SdkException.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> Readiness.status(chain.management()) == 503);
        assertThatThrownBy(() -> chain.s3()
                .putObject(r -> r.bucket(bucket()).key("input/full.txt"), RequestBody.fromString("full")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                });
        URL part = chain.presigner().presignUploadPart(r -> r.signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(p -> p
                .bucket(bucket()).key("input/full-parts.bin").uploadId(uploadId).partNumber(1).contentLength(1024L)))
                        .url();
        assertThat(headOnly(part, 1024)).startsWith("HTTP/1.1 503");
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    @Order(4)
    void onceSpaceIsFreedMessagesAndUploadsWorkAgainWithoutARestart() throws Exception {
        disk.freeAll();

        await().atMost(Duration.ofSeconds(20)).until(() -> Readiness.status(chain.management()) == 200);
        String queueUrl = chain.sqs().getQueueUrl(r -> r.queueName(chain.property(ChainKeys.QUEUE.name()))).queueUrl();
        String body = "after the disk was freed " + UUID.randomUUID();
        chain.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> received(queueUrl).stream().anyMatch(m -> m.body().equals(body)));
        chain.s3().putObject(r -> r.bucket(bucket()).key("input/after.txt"), RequestBody.fromString("after"));
        assertThat(chain.s3().getObjectAsBytes(r -> r.bucket(bucket()).key("input/after.txt")).asUtf8String())
                .isEqualTo("after");
        assertThat(partialFiles()).isEmpty();
    }

    private static List<Message> received(String queueUrl) {
        List<Message> messages = chain.sqs()
                .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        messages.forEach(m -> chain.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /**
     * Sends the head of a PUT with {@code Expect: 100-continue}, as the AWS SDKs do, and returns the head of the
     * answer.
     */
    private static String headOnly(URL url, long size) {
        String head = "PUT " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Length: " + size
                + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
        return RawHttp.head(url.getPort(), RawHttp.bytes(head), 10_000);
    }

    private static PresignedRequest presignPut(String key, long size) {
        return chain.presigner().presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(p -> p.bucket(bucket()).key(key).contentLength(size)));
    }

    private static String bucket() {
        return chain.property(ChainKeys.BUCKET.name());
    }

    /** Temporary files of uploads, in the store or moved aside. */
    private static List<Path> partialFiles() throws Exception {
        try (Stream<Path> files = Files.walk(disk.root.resolve("data"))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> TEMPORARY.matcher(file.getFileName().toString()).matches()).toList();
        }
    }
}
