package io.sqsextended.chain.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RawPut;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The jar killed (kill -9) in the middle of an upload to its embedded S3: a cut upload must leave no object and no
 * event, and the producer's retry must be stored and delivered once, whole.
 * Profile {@code reliability}: {@code mvn verify -Preliability -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=KillDuringUploadIT}.
 */
@Tag("reliability")
class KillDuringUploadIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final String QUEUE = "sqs-extended-chain-notifications";
    static final String DEAD_LETTER_QUEUE = "sqs-extended-chain-dlq";
    static final long SIZE = 64L << 20;
    /** Bytes of a body sent before the kill; the rest never is. */
    static final long SENT_BEFORE_KILL = 16L << 20;
    static final long FIRST_PART = 5L << 20;
    static final long SECOND_PART = 16L << 20;
    /** Every body is this block repeated. */
    static final byte[] BLOCK = RawPut.BLOCK;

    @TempDir
    Path home;
    List<String> properties;
    /** The latest start of the jar, and clients of its embedded stack (the same endpoints after a restart). */
    RunningJar latest;
    AwsSettings client;
    final List<String> output = new CopyOnWriteArrayList<>();
    final String prefix = "input/" + UUID.randomUUID() + "/";
    final String key = prefix + "big.bin";

    @BeforeEach
    void settings() {
        // a message the killed jar had received comes back within the marker's wait, not after the template's 360 s
        properties = List.of("-Dchain.local.data-dir=" + home.resolve("data"), "-Dchain.routes.dir="
                + home.resolve("routes"),
                "-Dchain.local.parameter.VisibilityTimeout=10");
    }

    /**
     * S3 stores an object whole or not at all: a producer whose PUT got no answer retries it, and the consumer sees one
     * payload.
     */
    @Test
    void aPutCutByAKillLeavesNoObjectNoEventAndItsRetryIsDeliveredOnceWhole() throws Exception {
        RunningJar first = start();
        PresignedRequest put = presignPut();
        killDuring(first, put, SIZE, SENT_BEFORE_KILL);

        try (RunningJar jar = restart(); S3Client s3 = AwsClients.s3(client); SqsClient sqs = AwsClients.sqs(client)) {
            System.out.printf("Kill during a PUT of %d MiB, after %d MiB: files under data/s3 after the restart %s%n",
                    SIZE >> 20,
                    SENT_BEFORE_KILL >> 20, files(home.resolve("data/s3")));
            assertThatThrownBy(() -> s3.headObject(r -> r.bucket(BUCKET).key(key))).as("HEAD of the cut key")
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            // an event of the cut upload would be handled before a marker uploaded now, and the queue then empty
            awaitMarker(s3, sqs, "marker-1.txt");
            assertThat(deliveries(key)).as("deliveries of the cut upload").isZero();
            assertThat(new Queues(sqs, DEAD_LETTER_QUEUE).pending())
                    .as("dead letters (the event of a missing object would be one)").isZero();

            assertThat(RawPut.whole(put, SIZE)).as("status of the retried PUT").isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(key) == 1);
            awaitMarker(s3, sqs, "marker-2.txt");
            assertThat(deliveryLines(key)).as("deliveries of the retried upload").singleElement().asString()
                    .contains(": " + SIZE + " bytes").contains("ETag " + md5(SIZE));
        }
    }

    /** Nothing of a cut upload may show in the bucket: listings, sync tools and lifecycle sweeps would see it. */
    @Test
    void aPutCutByAKillLeavesNoPartialObjectInTheBucket() throws Exception {
        killDuring(start(), presignPut(), SIZE, SENT_BEFORE_KILL);

        try (RunningJar jar = restart(); S3Client s3 = AwsClients.s3(client)) {
            assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents())
                    .as("objects under the cut upload's prefix").isEmpty();
        }
    }

    /** A producer whose part upload got no answer uploads the part again and completes, as with S3. */
    @Test
    void aMultipartUploadCutByAKillInAPartIsCompletedAfterTheRestart() throws Exception {
        Cut cut = multipartCutInTheSecondPart();
        String uploadId = cut.uploadId();

        try (RunningJar jar = restart(); S3Client s3 = AwsClients.s3(client); SqsClient sqs = AwsClients.sqs(client)) {
            String second = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(body(SECOND_PART)))
                    .eTag();
            s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(cut.firstPart()).build(), CompletedPart.builder()
                            .partNumber(2).eTag(second).build())));

            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(key) == 1);
            awaitMarker(s3, sqs, "marker.txt");
            assertThat(deliveryLines(key)).as("deliveries of the completed upload").singleElement().asString()
                    .contains(": " + (FIRST_PART + SECOND_PART) + " bytes");
        }
    }

    /** A producer that gives up aborts the upload (DELETE /v1/uploads/{id}), and its parts are gone, as with S3. */
    @Test
    void aMultipartUploadCutByAKillInAPartCanBeAbortedAfterTheRestart() throws Exception {
        String uploadId = multipartCutInTheSecondPart().uploadId();

        try (RunningJar jar = restart(); S3Client s3 = AwsClients.s3(client)) {
            s3.abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId));

            assertThat(partsLeft(s3, uploadId)).as("parts of the aborted upload").isZero();
            assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).as("multipart uploads in progress")
                    .isEmpty();
        }
    }

    /**
     * S3 answers NoSuchUpload for an aborted upload, the embedded
     * S3 a 404 NoSuchKey (its check that an upload is of its key; S3Proxy
     * alone answered an empty list): either way, none is left.
     */
    private int partsLeft(S3Client s3, String uploadId) {
        try {
            return s3.listParts(r -> r.bucket(BUCKET).key(key).uploadId(uploadId)).parts().size();
        } catch (NoSuchUploadException | NoSuchKeyException e) {
            return 0;
        }
    }

    /**
     * A multipart upload whose second part was cut by a kill: its id, and the ETag its first part was answered with.
     */
    record Cut(String uploadId, String firstPart) {
    }

    /** Starts the jar, creates a multipart upload, uploads its first part whole and kills the jar during the second. */
    private Cut multipartCutInTheSecondPart() throws Exception {
        RunningJar first = start();
        String uploadId;
        String firstPart;
        try (S3Client s3 = AwsClients.s3(client)) {
            uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key).contentType("application/octet-stream"))
                    .uploadId();
            firstPart = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(body(FIRST_PART)))
                    .eTag();
        }
        PresignedRequest secondPart;
        try (S3Presigner presigner = AwsClients.presigner(client)) {
            secondPart = presigner.presignUploadPart(r -> r.signatureDuration(Duration.ofMinutes(15))
                    .uploadPartRequest(p -> p
                    .bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2).contentLength(SECOND_PART)));
        }
        killDuring(first, secondPart, SECOND_PART, SECOND_PART / 2);
        System.out.printf("Kill during part 2 of a multipart upload, after %d of %d MiB: files under data/s3 %s%n",
                SECOND_PART >> 21,
                SECOND_PART >> 20, files(home.resolve("data/s3")));
        return new Cut(uploadId, firstPart);
    }

    private PresignedRequest presignPut() {
        try (S3Presigner presigner = AwsClients.presigner(client)) {
            return presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(15)).putObjectRequest(p -> p
                    .bucket(BUCKET).key(key).contentType("application/octet-stream").contentLength(SIZE)));
        }
    }

    private RunningJar start() throws Exception {
        latest = RunningJar.start(home, output, properties);
        latest.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
        client = latest.clientSettings();
        return latest;
    }

    /** The jar started again on the ports of the previous start: presigned URLs and clients still reach it. */
    private RunningJar restart() throws Exception {
        latest = latest.restart();
        latest.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
        return latest;
    }

    /**
     * Sends {@code request} with a body of {@code length} bytes, and kills the jar once {@code sendBeforeKill} of them
     * are sent.
     */
    private static void killDuring(RunningJar jar, PresignedRequest request, long length, long sendBeforeKill)
            throws Exception {
        try (RawPut cut = new RawPut(request, length, sendBeforeKill)) {
            cut.begin();
            await().atMost(Duration.ofSeconds(60)).until(() -> cut.sent.get() == sendBeforeKill);
            jar.kill();
        } finally {
            jar.kill();
        }
    }

    /**
     * Uploads a marker and waits until it is delivered and the queue is empty: what was on the queue before is handled.
     */
    private void awaitMarker(S3Client s3, SqsClient sqs, String name) {
        s3.putObject(r -> r.bucket(BUCKET).key(prefix + name), RequestBody.fromString("marker"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> deliveries(prefix + name) == 1 && new Queues(sqs, QUEUE).pending() == 0);
    }

    /** Lines of the built-in downstream for {@code key} (one per delivered payload). */
    private List<String> deliveryLines(String key) {
        Pattern line = Pattern.compile("Payload s3-event " + Pattern.quote(BUCKET + "/" + key) + ":");
        return output.stream().filter(l -> line.matcher(l).find()).toList();
    }

    private long deliveries(String key) {
        return deliveryLines(key).size();
    }

    /** Regular files under {@code dir}, relative, with their sizes. */
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted()
                    .map(p -> dir.relativize(p) + " (" + p.toFile().length() + " bytes)").toList();
        }
    }

    private static byte[] body(long length) {
        byte[] body = new byte[(int) length];
        for (int at = 0; at < length; at += BLOCK.length) {
            System.arraycopy(BLOCK, 0, body, at, (int) Math.min(BLOCK.length, length - at));
        }
        return body;
    }

    private static String md5(long length) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (long at = 0; at < length; at += BLOCK.length) {
            md5.update(BLOCK, 0, (int) Math.min(BLOCK.length, length - at));
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
