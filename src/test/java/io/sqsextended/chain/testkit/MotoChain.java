package io.sqsextended.chain.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.management.ChainOperationsMBean;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.presign.PresignSettings;

/**
 * One test's world on moto: moto reset, the template deployed into it, the app in aws mode on the stack's Outputs
 * (consumer on, the recording downstream, tokens of its own: aws
 * mode refuses the development ones) and clients of moto. The idempotency store is the shared one on PostgreSQL, as the
 * template's service runs it (a payload claimed before its delivery:
 * a duplicate event arriving meanwhile waits, and is skipped).
 */
public final class MotoChain implements AutoCloseable {

    public static final String PRODUCER = "moto-producer-token";
    public static final String CONSUMER = "moto-consumer-token";
    public static final String ADMIN = "moto-admin-token";
    /** Seconds until a message whose payload another delivery held (a duplicate event) is received again. */
    public static final String VISIBILITY_TIMEOUT = "10";

    public final Moto moto;
    public final Moto.Deployed stack;
    public final ChainApp app;
    public final RecordingDownstream downstream;
    public final S3Client s3;
    public final SqsClient sqs;
    public final Queues queues;
    public final ApiClient api;
    private final ChainExtension extension;

    private MotoChain(Path dataDir, Map<String, String> parameters, Map<String, String> properties) throws Exception {
        moto = Moto.get();
        moto.reset();
        Map<String, String> template = new HashMap<>(Map.of("VisibilityTimeout", VISIBILITY_TIMEOUT));
        template.putAll(parameters);
        stack = moto.deploy(template);
        // moto is Python and the machine shared: waits for deliveries get a minute, not Awaitility's 10 s
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Map<String, String> settings = new HashMap<>(awsMode(moto.clientSettings(), stack));
        settings.putAll(Map.of(AuthSettings.PRODUCER_TOKENS.name(), PRODUCER,
                AuthSettings.CONSUMER_TOKENS.name(), CONSUMER, AuthSettings.ADMIN_TOKENS.name(), ADMIN,
                // multipart from 6 MiB in parts of S3's minimum: a few parts, sizes moto (in memory) takes well
                PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));
        settings.putAll(Map.of(ConsumerSettings.IDEMPOTENCY_STORE.name(), "jdbc",
                ConsumerSettings.IDEMPOTENCY_JDBC_URL.name(), Postgres.get().newDatabase(),
                ConsumerSettings.IDEMPOTENCY_JDBC_USER.name(), "postgres"));
        settings.putAll(properties);
        extension = ChainExtension.app().consumer().recordingDownstream().properties(settings)
                .dataDir(chain -> dataDir);
        app = extension.start();
        downstream = extension.downstream();
        s3 = AwsClients.s3(moto.clientSettings());
        sqs = AwsClients.sqs(moto.clientSettings());
        queues = new Queues(sqs, stack.queue(), stack.deadLetterQueue());
        api = ApiClient.withoutExpectContinue(app.api());
    }

    /** A fresh stack (template defaults) and the app on it. */
    public static MotoChain start(Path dataDir) throws Exception {
        return new MotoChain(dataDir, Map.of(), Map.of());
    }

    /** With these template parameters and app settings. */
    public static MotoChain start(Path dataDir, Map<String, String> parameters, Map<String, String> properties)
            throws Exception {
        return new MotoChain(dataDir, parameters, properties);
    }

    /** The app's settings for aws mode against moto and this stack. */
    public static Map<String, String> awsMode(AwsSettings moto, Moto.Deployed stack) {
        return Map.of(ChainKeys.MODE.name(), "aws", ChainKeys.REGION.name(), moto.region(),
                ChainKeys.AWS_ENDPOINT.name(), moto.s3Endpoint().toString(),
                ChainKeys.AWS_ACCESS_KEY.name(), moto.accessKey(), ChainKeys.AWS_SECRET_KEY.name(), moto.secretKey(),
                ChainKeys.BUCKET.name(), stack.bucket(), ChainKeys.QUEUE.name(), stack.queue(),
                ChainKeys.DEAD_LETTER_QUEUE.name(), stack.deadLetterQueue());
    }

    /** The chain's MBean, as an operator reaches it over JMX. */
    public ChainOperationsMBean management() {
        return app.context().hasServices(ChainOperationsMBean.class).iterator().next();
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        extension.stop();
        Awaitility.reset();
    }
}
