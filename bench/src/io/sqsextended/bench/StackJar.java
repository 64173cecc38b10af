package io.sqsextended.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The jar in local mode with its consumer off: the embedded S3 and SQS that every run of a benchmark talks to,
 * the chain (a second jar in aws mode, {@link #chainJar}) as well as the bare SDK baselines.
 */
final class StackJar implements AutoCloseable {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final String QUEUE = "sqs-extended-chain-notifications";
    static final String DLQ = "sqs-extended-chain-dlq";
    static final String STARTED = ") started in ";

    final int s3Port;
    final int sqsPort;
    final int httpPort;
    final Bench.JarProcess jar;
    final S3Client s3;
    final SqsClient sqs;
    final String queueUrl;

    /** @param consumer whether the stack's own consumer chain runs (LargePayloadBench) or not (the others) */
    StackJar(Path work, String heap, boolean consumer, String... extra) throws Exception {
        s3Port = Bench.freePort();
        sqsPort = Bench.freePort();
        httpPort = Bench.freePort();
        List<String> args = new ArrayList<>(List.of("-Dchain.local.s3-port=" + s3Port, "-Dchain.local.sqs-port=" + sqsPort,
                "-Dchain.local.data-dir=" + work.resolve("data"), "-Dcamel.server.port=" + httpPort,
                "-Dcamel.management.port=0", "-Dchain.consumer.enabled=" + consumer));
        args.addAll(Arrays.asList(extra));
        jar = new Bench.JarProcess(work.resolve("stack"), heap, args.toArray(String[]::new));
        jar.awaitLine(STARTED, 180);
        AwsSettings settings = new AwsSettings("us-east-1", URI.create("http://127.0.0.1:" + s3Port),
                URI.create("http://127.0.0.1:" + sqsPort), "local-access-key", "local-secret-key");
        s3 = AwsClients.s3(settings);
        sqs = AwsClients.sqs(settings);
        queueUrl = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
    }

    /** The app in aws mode against this stack, its consumer on, with the given extra JVM options. */
    Bench.JarProcess chainJar(Path work, String heap, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Dchain.mode=aws", "-Dchain.region=us-east-1",
                "-Dchain.aws.s3-endpoint-override=http://127.0.0.1:" + s3Port,
                "-Dchain.aws.sqs-endpoint-override=http://127.0.0.1:" + sqsPort,
                "-Dchain.aws.access-key=local-access-key", "-Dchain.aws.secret-key=local-secret-key",
                "-Dchain.bucket=" + BUCKET, "-Dchain.queue=" + QUEUE, "-Dchain.dead-letter-queue=" + DLQ,
                "-Dchain.auth.enabled=false", "-Dcamel.server.port=0", "-Dcamel.management.port=0"));
        args.addAll(Arrays.asList(extra));
        Bench.JarProcess chain = new Bench.JarProcess(work, heap, args.toArray(String[]::new));
        chain.awaitLine(STARTED, 180);
        return chain;
    }

    /** Empties a queue (leftovers and the s3:TestEvent of the start) so that a run counts only its own messages. */
    void purge(String url) throws InterruptedException {
        sqs.purgeQueue(r -> r.queueUrl(url));
        Thread.sleep(200);
    }

    @Override
    public void close() throws Exception {
        s3.close();
        sqs.close();
        jar.close();
    }
}
