package io.sqsextended.chain.local.s3.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded S3 notifies object creations under the input prefix exactly as S3 does. */
class BucketNotificationsTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static Queues notifications;
    static String bucket;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        sqs = stack.sqs();
        bucket = stack.bucket();
        notifications = stack.notifications();
    }

    @Test
    void presignedPutUnderTheInputPrefixPublishesOneEventWithKeySizeAndETag() {
        String key = "input/" + UUID.randomUUID() + ".txt";
        byte[] body = "hello claim check".getBytes(StandardCharsets.UTF_8);

        assertThat(TestStacks.upload(TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)), body))
                .isEqualTo(200);

        S3EventNotificationRecord event = eventFor(key);
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        assertThat(event.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(event.getEventVersion()).isEqualTo("2.1");
        assertThat(event.getEventSource()).isEqualTo("aws:s3");
        assertThat(event.getS3().getBucket().getName()).isEqualTo(bucket);
        assertThat(event.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(event.getS3().getObject().getSizeAsLong()).isEqualTo(body.length);
        assertThat(event.getS3().getObject().getETag()).isEqualTo(head.eTag().replace("\"", ""));
        assertThat(event.getS3().getObject().getSequencer()).matches("[0-9A-F]{16,}");
        assertThat(notifications.matching(m -> m.body().contains(key))).singleElement()
                .satisfies(m -> assertThat(m.body()).doesNotContain("versionId")
                        .containsPattern("\"eventTime\":\"[-0-9T:]+(\\.\\d{3})?Z\""));
    }

    @Test
    void anObjectOutsideTheInputPrefixPublishesNoEvent() {
        String id = UUID.randomUUID().toString();
        s3.putObject(r -> r.bucket(bucket).key("elsewhere/" + id), RequestBody.fromString("not notified"));
        // events are sent in order: once the later one is here, the earlier one would be too
        s3.putObject(r -> r.bucket(bucket).key("input/" + id), RequestBody.fromString("notified"));

        eventFor("input/" + id);

        assertThat(notifications.matching(m -> m.body().contains("elsewhere/" + id))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"red flower.jpg", "a+b=c.txt", "café/naïve ü€.bin", "100% (final) copy.txt"})
    void keysWithSpacesPlusAndNonAsciiArriveFormEncodedAndDecodeToTheObject(String name) {
        String key = "input/" + UUID.randomUUID() + "/" + name;
        byte[] body = name.getBytes(StandardCharsets.UTF_8);

        assertThat(TestStacks.upload(TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)), body))
                .isEqualTo(200);

        S3EventNotificationRecord event = eventFor(key);
        assertThat(event.getS3().getObject().getKey()).doesNotContain(" ");
        assertThat(event.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(event.getS3().getObject().getUrlDecodedKey()))
                .asByteArray())
                .isEqualTo(body);
    }

    @Test
    void aSpaceIsEncodedAsPlusAndAPlusAsPercent2B() {
        String key = "input/" + UUID.randomUUID() + "/red flower+pot.jpg";
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x"));

        assertThat(eventFor(key).getS3().getObject().getKey()).endsWith("/red+flower%2Bpot.jpg");
    }

    @Test
    void completingAMultipartUploadPublishesOneCompleteMultipartUploadEvent() {
        String key = "input/" + UUID.randomUUID() + ".bin";
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String eTag2 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(
                CompletedPart.builder().partNumber(1).eTag(eTag1).build(), CompletedPart.builder().partNumber(2)
                        .eTag(eTag2).build())));

        S3EventNotificationRecord event = eventFor(key);

        assertThat(event.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(event.getS3().getObject().getSizeAsLong()).isEqualTo(part1.length + part2.length);
        assertThat(notifications.matching(m -> m.body().contains(key))).hasSize(1);
    }

    @Test
    void aMultipartUploadHasTheETagOfItsCompletionOnHeadGetListingAndInItsEvent() {
        String key = "input/" + UUID.randomUUID() + ".bin";
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String eTag1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024])).eTag();
        String eTag2 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        String completed = s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(u -> u.parts(
                CompletedPart.builder().partNumber(1).eTag(eTag1).build(), CompletedPart.builder().partNumber(2)
                        .eTag(eTag2).build()))).eTag();

        assertThat(completed).matches("\"\\p{XDigit}{32}-2\"");
        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).eTag()).isEqualTo(completed);
        String gotten = s3.getObject(r -> r.bucket(bucket).key(key), (response, in) -> response.eTag());
        assertThat(gotten).isEqualTo(completed);
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents()).singleElement()
                .satisfies(object -> assertThat(object.eTag()).isEqualTo(completed));
        assertThat(eventFor(key).getS3().getObject().getETag()).isEqualTo(completed.replace("\"", ""));
    }

    @Test
    void getBucketNotificationConfigurationAnswersTheConfigurationFromTheTemplate() {
        var configuration = s3.getBucketNotificationConfiguration(r -> r.bucket(bucket));

        assertThat(configuration.queueConfigurations()).singleElement().satisfies(queue -> {
            assertThat(queue.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:" + LocalSettings.ACCOUNT_ID + ":"
                    + local.outputs().get("NotificationQueueName"));
            assertThat(queue.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
            assertThat(queue.filter().key().filterRules()).singleElement().satisfies(rule -> {
                assertThat(rule.nameAsString()).isEqualTo("prefix");
                assertThat(rule.value()).isEqualTo("input/");
            });
        });
        assertThat(configuration.topicConfigurations()).isEmpty();
    }

    @Test
    void copyingAnObjectIntoTheInputPrefixPublishesACopyEvent() {
        String id = UUID.randomUUID().toString();
        s3.putObject(r -> r.bucket(bucket).key("staging/" + id), RequestBody.fromString("copied"));
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("staging/" + id).destinationBucket(bucket)
                .destinationKey("input/" + id));

        assertThat(eventFor("input/" + id).getEventName()).isEqualTo("ObjectCreated:Copy");
    }

    @Test
    void aBrowserFormPostPublishesAPostEvent() throws Exception {
        String key = "input/" + UUID.randomUUID() + "/form.txt";

        assertThat(FormPost.upload(TestStacks.settings(stack.dataDir()), local.clientSettings().s3Endpoint(), bucket,
                key, "posted"))
                .isBetween(200, 204);

        assertThat(eventFor(key).getEventName()).isEqualTo("ObjectCreated:Post");
    }

    @Test
    void anOverwriteSendsANewEventWithAGreaterSequencer() {
        String key = "input/" + UUID.randomUUID();
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("first"));
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("second version"));

        List<String> sequencers = notifications.awaitMessages(m -> m.body().contains(key), 2).stream()
                .map(m -> record(m).getS3().getObject().getSequencer()).toList();

        assertThat(sequencers.get(1)).isGreaterThan(sequencers.get(0));
    }

    @Test
    void applyingTheNotificationConfigurationSendsAnS3TestEvent() {
        List<Message> testEvents = notifications.awaitMessages(m -> m.body().contains("\"s3:TestEvent\""), 1);

        assertThat(testEvents.get(0).body()).contains("\"Service\":\"Amazon S3\"")
                .contains("\"Bucket\":\"" + bucket + "\"");
    }

    private static S3EventNotificationRecord eventFor(String key) {
        String encoded = BucketNotifier.formEncode(key);
        return record(notifications.awaitMessages(m -> m.body().contains("\"key\":\"" + encoded + "\""), 1).get(0));
    }

    private static S3EventNotificationRecord record(Message message) {
        List<S3EventNotificationRecord> records = S3EventNotification.fromJson(message.body()).getRecords();
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
