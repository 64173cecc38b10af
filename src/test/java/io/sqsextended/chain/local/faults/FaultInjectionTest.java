package io.sqsextended.chain.local.faults;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sqsextended.chain.testkit.AwsTools;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.testkit.AwsTools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Latency and faults injected at the HTTP layer of the embedded S3 and SQS: every client sees them (SDK clients here
 * have their retries off, so that each fault reaches the test), and a change applies to the next request.
 */
class FaultInjectionTest {

    private static final Duration LATENCY = Duration.ofMillis(150);
    /** Over 500 calls at a rate of 0.2: 100 expected, more than 4.4 standard deviations (8.9) either side allowed. */
    private static final int CALLS = 500;
    private static final double RATE = 0.2;
    private static final int LOWEST = 60;
    private static final int HIGHEST = 140;

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    @TempDir
    Path home;
    static LocalAws local;
    static S3Client s3;
    static SqsClient sqs;
    static String bucket;
    static String queueUrl;

    @BeforeAll
    static void startStack() {
        local = stack.local();
        AwsSettings settings = local.clientSettings();
        s3 = TestStacks.s3WithoutRetries(settings);
        sqs = TestStacks.sqsWithoutRetries(settings);
        bucket = stack.bucket();
        queueUrl = sqs.getQueueUrl(r -> r.queueName(local.outputs().get("NotificationQueueName"))).queueUrl();
    }

    @AfterEach
    void injectNothing() {
        local.latency(TestStacks.NO_LATENCY);
        local.faults(TestStacks.NO_FAULTS);
    }

    @AfterAll
    static void stopStack() {
        s3.close();
        sqs.close();
    }

    @Test
    void everyS3RequestWaitsTheLatencyBeforeItIsHandled() {
        local.latency(new ByService<>(new Latency(LATENCY, Duration.ZERO), Latency.NONE));

        assertThat(millis(() -> s3.putObject(r -> r.bucket(bucket).key("latency/a"), RequestBody.fromString("a"))))
                .isGreaterThanOrEqualTo(150);
        assertThat(millis(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("latency/a"))))
                .isGreaterThanOrEqualTo(150);
        assertThat(millis(() -> s3.headBucket(r -> r.bucket(bucket)))).isGreaterThanOrEqualTo(150);
    }

    @Test
    void everySqsRequestWaitsTheLatencyBeforeItIsHandled() {
        local.latency(new ByService<>(Latency.NONE, new Latency(LATENCY, Duration.ZERO)));

        assertThat(millis(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("latency"))))
                .isGreaterThanOrEqualTo(150);
        assertThat(millis(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(0))))
                .isGreaterThanOrEqualTo(150);
        assertThat(millis(() -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)))).isGreaterThanOrEqualTo(150);
    }

    @Test
    void theAwsCliWaitsTheLatencyOnS3AndSqs() {
        local.latency(ByService.both(new Latency(Duration.ofSeconds(2), Duration.ZERO)));
        AwsTools tools = new AwsTools(local.clientSettings(), home);

        assertThat(millis(() -> tools.cli("s3api", "head-bucket", "--bucket", bucket))).isGreaterThanOrEqualTo(2_000);
        assertThat(millis(() -> tools.sqsCli("sqs", "get-queue-attributes", "--queue-url", queueUrl)))
                .isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aJitteredDelayStaysWithinTheLatencyPlusOrMinusTheJitter() {
        Latency latency = new Latency(Duration.ofMillis(20), Duration.ofMillis(5));
        List<Long> draws = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            draws.add(latency.drawNanos());
        }

        assertThat(draws).allSatisfy(nanos -> assertThat(nanos).isBetween(15_000_000L, 25_000_000L));
        assertThat(draws.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void s3AnswersItsShareOfRequestsWithSlowDown() {
        local.faults(new ByService<>(new Fault(RATE, 503), Fault.NONE));

        // not a HEAD: its answer has no body, and the SDK sees only the status
        List<AwsServiceException> faults = callsFailing(() -> s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(1)));

        assertThat(faults).hasSizeBetween(LOWEST, HIGHEST).allSatisfy(e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.isThrottlingException()).isTrue();
        });
    }

    @Test
    void s3FaultsOf500AreInternalErrorsWithARequestId() {
        local.faults(new ByService<>(new Fault(1, 500), Fault.NONE));

        AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
                () -> s3.putObject(r -> r.bucket(bucket).key("faults/a"), RequestBody.fromString("a")));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        assertThat(e.requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void sqsAnswersItsShareOfJsonRequestsWithInternalFailure() {
        local.faults(new ByService<>(Fault.NONE, new Fault(RATE, 500)));

        List<AwsServiceException> faults = callsFailing(() -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)));

        assertThat(faults).hasSizeBetween(LOWEST, HIGHEST).allSatisfy(e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        });
    }

    @Test
    void sqsFaultsOf503AreServiceUnavailableInTheJsonProtocol() {
        local.faults(new ByService<>(Fault.NONE, new Fault(1, 503)));

        AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
                () -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("fault")));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
    }

    @Test
    void sqsFaultsAnswerTheQueryProtocolInItsXml() throws Exception {
        local.faults(new ByService<>(Fault.NONE, new Fault(1, 503)));

        HttpResponse<String> answer = queryProtocol("Action=GetQueueUrl&QueueName=" + local.outputs()
                .get("NotificationQueueName"));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("<ErrorResponse").contains("<Code>ServiceUnavailable</Code>")
                .contains("<RequestId>");
    }

    @Test
    void theSqsFrontForwardsTheQueryProtocolAsItCame() throws Exception {
        HttpResponse<String> answer = queryProtocol("Action=GetQueueUrl&QueueName=" + local.outputs()
                .get("NotificationQueueName"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<QueueUrl>" + queueUrl + "</QueueUrl>");
    }

    @Test
    void aLongPollOfTwentySecondsPassesTheSqsFront() {
        String empty = sqs.createQueue(r -> r.queueName("long-poll")).queueUrl();

        long took = millis(() -> assertThat(sqs.receiveMessage(r -> r.queueUrl(empty).waitTimeSeconds(20)).messages())
                .isEmpty());

        assertThat(took).isGreaterThanOrEqualTo(20_000);
    }

    @Test
    void aChangeAppliesToTheNextRequest() {
        local.faults(new ByService<>(Fault.NONE, new Fault(1, 500)));
        assertThat(catchThrowableOfType(AwsServiceException.class, ()
                -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl))).statusCode())
                .isEqualTo(500);

        local.faults(TestStacks.NO_FAULTS);

        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> queryProtocol(String form) throws Exception {
        return TestStacks.HTTP.send(HttpRequest.newBuilder(URI.create(local.clientSettings().sqsEndpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The service errors of {@value #CALLS} calls; any other failure fails the test. */
    private static List<AwsServiceException> callsFailing(Runnable call) {
        List<AwsServiceException> faults = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            try {
                call.run();
            } catch (AwsServiceException e) {
                faults.add(e);
            }
        }
        return faults;
    }

    private static long millis(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
