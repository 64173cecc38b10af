package io.sqsextended.chain.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;
import io.sqsextended.chain.local.faults.FaultInjection;
import io.sqsextended.chain.local.s3.EmbeddedS3;
import io.sqsextended.chain.local.s3.store.BucketNotifier;
import io.sqsextended.chain.local.s3.store.DiskSpace;
import io.sqsextended.chain.local.sqs.EmbeddedSqs;
import io.sqsextended.chain.local.template.CloudFormationTemplate;
import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.ProvisionedStack;
import io.sqsextended.chain.local.template.eval.StackContext;
import io.sqsextended.chain.net.Ports;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The embedded AWS of local mode: ElasticMQ and S3Proxy, provisioned from the CloudFormation template, with S3
 * bucket notifications emulated. Launched while the app is configured, awaited before the routes start, stopped after
 * them (it is a Camel service).
 */
public final class LocalAws extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAws.class);
    private static final Duration QUEUES_READY_TIMEOUT = Duration.ofSeconds(30);

    private final LocalSettings settings;
    private volatile ByService<Latency> latency;
    private volatile ByService<Fault> faults;
    private ProvisionedStack stack;
    private EmbeddedSqs sqs;
    private SqsClient notifierSqs;
    private BucketNotifier notifier;
    private EmbeddedS3 s3;
    private int s3Port;
    private int sqsPort;
    /** ElasticMQ's own loopback port, behind the front on {@link #sqsPort}. */
    private int elasticMqPort;
    private Path cliProfile;
    private BackgroundStart sqsStart;
    private BackgroundStart s3Start;

    public LocalAws(LocalSettings settings) {
        this.settings = settings;
        this.latency = settings.latency();
        this.faults = settings.faults();
    }

    /**
     * Evaluates the template and picks the ports, then starts SQS and S3 each on a thread of its own and returns:
     * ElasticMQ and S3Proxy load thousands of classes, side by side with each other and with Camel building its routes
     * and starting its HTTP servers. The outputs, endpoints and client settings are known from now on; {@link #start()}
     * waits for both servers (and the queues).
     */
    public void launch() throws Exception {
        long launched = System.nanoTime();
        CloudFormationTemplate template = CloudFormationTemplate.read(settings.template());
        stack = template.provision(new StackContext(settings.stackName(), LocalSettings.ACCOUNT_ID, settings.region(),
                settings.parametersFor(template.parameterNames())));
        DiskSpace.requireWritable(settings.dataDir(), "s3", "sqs");
        int[] ports = Ports.pick(settings.sqsPort(), settings.s3Port(), 0);
        sqsPort = ports[0];
        s3Port = ports[1];
        elasticMqPort = ports[2];
        // S3's own events reach SQS without the injected latency and faults, which are for the clients' requests
        notifierSqs = AwsClients.sqs(awsSettings(null, URI.create("http://127.0.0.1:" + elasticMqPort)));
        notifier = new BucketNotifier(notificationsByBucket(), notifierSqs, settings.region(),
                LocalSettings.ACCOUNT_ID);
        sqsStart = BackgroundStart.run("embedded-sqs-start", launched, () -> {
            startSqs();
            applyNotificationConfiguration();
            cliProfile = CliProfile.write(settings);
        });
        s3Start = BackgroundStart.run("embedded-s3-start", launched, this::startS3);
    }

    /** Waits for the servers {@link #launch()} started (launching them if need be); on failure stops all, throws it. */
    @Override
    protected void doStart() throws Exception {
        long waiting = System.nanoTime();
        try {
            if (s3Start == null) {
                launch();
            }
            long sqsMillis = sqsStart.await();
            long s3Millis = s3Start.await();
            // events go to queues that exist: nobody reaches S3 before this returns (API gated, routes not started)
            LOG.info("Embedded S3 at {} and SQS at {} started in {} ms (side by side: SQS ready after {} ms, "
                    + "S3 after {} ms; the app waited {} ms for them), data in {}", s3.endpoint(), sqs.endpoint(),
                    Math.max(s3Millis, sqsMillis), sqsMillis, s3Millis, BackgroundStart.millisSince(waiting),
                    settings.dataDir());
        } catch (Exception | Error e) {
            doStop();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        // what they started is closed below; a failure was thrown by doStart
        if (s3Start != null) {
            sqsStart.awaitEnd();
            s3Start.awaitEnd();
        }
        // S3 first so that no new event is produced, then the pending events, then SQS
        try (AutoCloseable a = sqs; AutoCloseable b = notifierSqs; AutoCloseable c = notifier; AutoCloseable d = s3) {
            LOG.info("Stopping the embedded S3 and SQS");
        }
    }

    /** Stops the embedded S3 alone, as an S3 outage would (failure drills). */
    void stopS3() throws Exception {
        s3.close();
    }

    /** Starts the embedded S3 again on the same port, with the same data. */
    void startS3() throws Exception {
        s3 = EmbeddedS3.start(settings.s3Server(), s3Port, settings.dataDir().resolve("s3"), stack.buckets(), notifier,
                new FaultInjection(() -> latency.s3().drawNanos(), () -> faults.s3().drawStatus()));
    }

    /** Stops the embedded SQS alone, as an SQS outage would (failure drills); its messages stay in its store. */
    void stopSqs() throws Exception {
        sqs.close();
    }

    /** Starts the embedded SQS (again after {@link #stopSqs()}: same port, messages kept) and waits for its queues. */
    void startSqs() throws Exception {
        sqs = startEmbeddedSqs();
        awaitQueues();
    }

    private EmbeddedSqs startEmbeddedSqs() throws ReflectiveOperationException, InterruptedException {
        return EmbeddedSqs.start(settings.sqsServer(), sqsPort, elasticMqPort, settings.dataDir().resolve("sqs"),
                stack.queues(), new FaultInjection(() -> latency.sqs().drawNanos(), () -> faults.sqs().drawStatus()));
    }

    /** The delay every request of the embedded S3 and SQS waits now. */
    public ByService<Latency> latency() {
        return latency;
    }

    /** Changes the delay from the next request on (requests already waiting keep theirs). */
    public void latency(ByService<Latency> latency) {
        this.latency = latency;
    }

    /** The share of requests the embedded S3 and SQS answer with an error now. */
    public ByService<Fault> faults() {
        return faults;
    }

    /** Changes the faults from the next request on. */
    public void faults(ByService<Fault> faults) {
        this.faults = faults;
    }

    /** Why objects or messages cannot be stored now (data disk short of space, message store failing), if so. */
    public Optional<String> storageProblem() {
        DiskSpace space = new DiskSpace(settings.storageReserve());
        Optional<String> shortage = space.shortage(settings.dataDir().resolve("s3"), 0)
                .or(() -> space.shortage(settings.dataDir().resolve("sqs"), 0));
        if (shortage.isPresent()) {
            return shortage;
        }
        try {
            sqs.probeStore();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.of("the embedded SQS cannot write its message store: " + e.getMessage());
        }
    }

    /** Readiness: DOWN while {@link #storageProblem()} finds one. */
    public HealthCheck storageCheck() {
        return new LocalStorageCheck(this::storageProblem);
    }

    /** Settings that point AWS clients at this stack. */
    public AwsSettings clientSettings() {
        return awsSettings(settings.endpoint(s3Port), sqsEndpoint());
    }

    /** A queue's URL as the embedded SQS gives it, known before it runs. */
    public String queueUrl(String queueName) {
        return sqsEndpoint() + "/" + LocalSettings.ACCOUNT_ID + "/" + queueName;
    }

    private URI sqsEndpoint() {
        return settings.endpoint(sqsPort);
    }

    /** The embedded S3 as clients reach it: presigned URLs name it (SigV4 signs the host, S3 checks the Host). */
    public URI publicS3Endpoint() {
        return settings.publicEndpoint() != null ? settings.publicEndpoint() : settings.endpoint(s3Port);
    }

    /** The block printed once local mode has started: where things are, and commands that work as printed. */
    public String describe(URI api) {
        Map<String, String> outputs = stack.outputs();
        String bucket = outputs.get("BucketName");
        String deadLetters = queueUrl(outputs.get("DeadLetterQueueName"));
        String s3Cli = "aws --profile " + CliProfile.NAME + " --endpoint-url " + publicS3Endpoint() + " ";
        String sqsCli = "aws --profile " + CliProfile.NAME + " --endpoint-url " + sqsEndpoint() + " ";
        return String.join(System.lineSeparator(),
                "",
                "  sqs-extended-chain local mode (no AWS account needed)",
                "    API  " + api,
                "    S3   " + publicS3Endpoint() + "   bucket " + bucket,
                "    SQS  " + sqsEndpoint() + "   queue " + outputs.get("NotificationQueueName")
                        + ", dead letters " + outputs.get("DeadLetterQueueName"),
                "    data " + settings.dataDir(),
                "  Try it with the AWS CLI (profile " + CliProfile.NAME + " in " + cliProfile
                        + " holds the development keys):",
                "    export AWS_CONFIG_FILE=" + cliProfile,
                "    echo hello | " + s3Cli + "s3 cp - s3://" + bucket + "/input/hello.txt",
                "    " + s3Cli + "s3 ls s3://" + bucket + "/input/",
                "    # payloads the chain could not deliver stay on the dead-letter queue, "
                        + "with the reason as an attribute:",
                "    " + sqsCli + "sqs get-queue-attributes --queue-url " + deadLetters
                        + " --attribute-names ApproximateNumberOfMessages",
                "    " + sqsCli + "sqs receive-message --queue-url " + deadLetters + " --message-attribute-names All",
                "");
    }

    /** The template's Outputs, evaluated: resource names as an operator reads them after a deployment. */
    public Map<String, String> outputs() {
        return stack.outputs();
    }

    private AwsSettings awsSettings(URI s3Endpoint, URI sqsEndpoint) {
        return new AwsSettings(settings.region(), s3Endpoint, sqsEndpoint, settings.accessKey(), settings.secretKey(),
                publicS3Endpoint());
    }

    private Map<String, List<QueueNotification>> notificationsByBucket() {
        Map<String, List<QueueNotification>> byBucket = new LinkedHashMap<>();
        stack.buckets().forEach(bucket -> byBucket.put(bucket.name(), bucket.notifications()));
        return byBucket;
    }

    /** ElasticMQ creates queues (and restores messages) asynchronously after start() returns. */
    private void awaitQueues() throws InterruptedException {
        long deadline = System.nanoTime() + QUEUES_READY_TIMEOUT.toNanos();
        for (ProvisionedStack.QueueSpec queue : stack.queues()) {
            while (true) {
                try {
                    notifierSqs.getQueueUrl(r -> r.queueName(queue.name()));
                    break;
                } catch (QueueDoesNotExistException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "Embedded SQS did not create queue " + queue.name() + " in time", e);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** Like S3 when a notification configuration is saved: a test event, only when the configuration changed. */
    private void applyNotificationConfiguration() throws IOException {
        Path state = settings.dataDir().resolve("s3-notifications.state");
        for (BucketSpec bucket : stack.buckets()) {
            String applied = bucket.name() + "=" + bucket.notifications() + "\n";
            String previous = Files.exists(state) ? Files.readString(state) : "";
            if (!bucket.notifications().isEmpty() && !previous.contains(applied)) {
                notifier.testEvent(bucket.name());
            }
        }
        StringBuilder current = new StringBuilder();
        stack.buckets().forEach(bucket -> current.append(bucket.name()).append('=')
                .append(bucket.notifications()).append('\n'));
        Files.writeString(state, current);
    }
}
