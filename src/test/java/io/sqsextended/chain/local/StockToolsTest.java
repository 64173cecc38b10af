package io.sqsextended.chain.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.testkit.AwsTools;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS CLI, boto3, the Java SDK and the AWS extended client work against local mode on their default settings. */
class StockToolsTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    @TempDir
    Path home;
    static LocalAws local;
    static S3Client s3;
    static String bucket;
    final String key = "tools/" + UUID.randomUUID();

    @BeforeAll
    static void startStack() {
        local = stack.local();
        s3 = stack.s3();
        bucket = stack.bucket();
    }

    AwsTools tools() {
        return new AwsTools(local.clientSettings(), home);
    }

    @Test
    void aDefaultJavaSdkClientPutsAndGetsAnObject() {
        try (S3Client client = tools().defaultJavaClient()) {
            client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("from the Java SDK"));

            assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("from the Java SDK");
        }
    }

    @Test
    void theAwsExtendedClientOnADefaultS3ClientSendsAndReceivesAnOffloadedPayload() {
        String payload = "x".repeat(300_000);
        try (S3Client client = tools().defaultJavaClient(); SqsClient sqs = stack.sqs();
             var extended = new AmazonSQSExtendedClient(sqs, new ExtendedClientConfiguration()
                     .withPayloadSupportEnabled(client, bucket).withAlwaysThroughS3(true))) {
            String queueUrl = extended.createQueue(r -> r.queueName("tools-" + UUID.randomUUID())).queueUrl();
            extended.sendMessage(r -> r.queueUrl(queueUrl).messageBody(payload));

            List<Message> received = extended.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
            assertThat(received).singleElement().extracting(Message::body).isEqualTo(payload);
        }
    }

    @Test
    void theAwsCliCopiesAFileUpAndDown() throws IOException {
        Path file = Files.writeString(home.resolve("up.txt"), "from the AWS CLI");

        tools().cli("s3", "cp", file.toString(), "s3://" + bucket + "/" + key);

        assertThat(tools().cli("s3", "cp", "s3://" + bucket + "/" + key, "-")).isEqualTo("from the AWS CLI");
    }

    @Test
    void theAwsCliCopiesAFileAboveItsMultipartThresholdAsAMultipartUpload() throws IOException {
        byte[] content = new byte[9 << 20];
        new Random(15).nextBytes(content);
        Path file = Files.write(home.resolve("large.bin"), content);

        tools().cli("s3", "cp", file.toString(), "s3://" + bucket + "/" + key);

        var head = s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.eTag()).endsWith("-2\"");
        // the CLI names CRC32 for its multipart uploads: S3 then gives the COMPOSITE checksum of the parts'
        assertThat(head.checksumCRC32()).endsWith("-2");
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(content);
    }

    @Test
    void theAwsCliPutsAndGetsAnObjectThroughS3api() throws IOException {
        Path file = Files.writeString(home.resolve("body.txt"), "through s3api");

        tools().cli("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file.toString());
        tools().cli("s3api", "get-object", "--bucket", bucket, "--key", key, home.resolve("back.txt").toString());

        assertThat(home.resolve("back.txt")).hasContent("through s3api");
    }

    @Test
    void aUrlPresignedByTheAwsCliOnItsDefaultsDownloadsTheObject() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("presigned by the CLI"));

        String url = tools().cli("s3", "presign", "s3://" + bucket + "/" + key).strip();

        assertThat(get(url).body()).isEqualTo("presigned by the CLI");
    }

    @Test
    void theAwsCliReadsTheBucketNotificationConfiguration() {
        String configuration = tools().cli("s3api", "get-bucket-notification-configuration", "--bucket", bucket);

        assertThat(configuration).contains("\"QueueArn\": \"arn:aws:sqs:us-east-1:" + LocalSettings.ACCOUNT_ID + ":"
                + local.outputs().get("NotificationQueueName") + "\"").contains("s3:ObjectCreated:*");
    }

    @Test
    void boto3PutsAndGetsAnObjectOnItsDefaults() {
        String out = tools().boto3("s3.put_object(Bucket='" + bucket + "', Key='" + key + "', Body=b'from boto3')\n"
                + "print(s3.get_object(Bucket='" + bucket + "', Key='" + key + "')['Body'].read().decode(), end='')");

        assertThat(out).isEqualTo("from boto3");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("from boto3");
    }

    @Test
    void aUrlPresignedByBoto3OnItsDefaultsDownloadsTheObject() {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("presigned by boto3"));

        String url = tools().boto3("print(s3.generate_presigned_url('get_object', Params={'Bucket': '" + bucket
                + "', 'Key': '" + key + "'}))")
                .strip();

        assertThat(get(url)).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("presigned by boto3");
        });
    }

    private static HttpResponse<String> get(String url) {
        try {
            return TestStacks.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
