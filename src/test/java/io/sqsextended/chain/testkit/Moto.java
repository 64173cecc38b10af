package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sqsextended.chain.local.template.CloudFormationTemplate;
import io.sqsextended.chain.local.template.ProvisionedStack;
import io.sqsextended.chain.local.template.eval.StackContext;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.awaitility.Awaitility.await;

/**
 * moto_server, an AWS (S3, SQS, SNS, CloudFormation) nobody here wrote, for the moto tier: started once per test JVM on
 * a free loopback port, stopped when the JVM ends. Tests {@link #reset()} it and {@link #deploy} the template into it.
 * Where {@code moto_server} is not on the PATH, the tests that ask for it are skipped, saying so.
 */
public final class Moto {

    public static final Path TEMPLATE = Path.of("infra/cloudformation/sqs-extended-chain.yaml");
    public static final String STACK = "sqs-extended-chain";
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Moto instance;
    private static Boolean installed;

    private final Process process;
    private final URI endpoint;

    private Moto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The server, started on first use; skips the calling test where moto_server is not installed. */
    public static synchronized Moto get() {
        if (installed == null) {
            installed = installed();
        }
        Assumptions.assumeTrue(installed,
                "moto_server is not on the PATH (moto 5.2: pip install 'moto[server]'): the moto tier is skipped");
        if (instance == null || !instance.process.isAlive()) {
            instance = start();
        }
        return instance;
    }

    private static boolean installed() {
        try {
            Process help = new ProcessBuilder("moto_server", "--help").redirectErrorStream(true).start();
            help.getInputStream().readAllBytes();
            return help.waitFor(60, TimeUnit.SECONDS) && help.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Moto start() {
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path log = Files.createTempFile("moto-server", ".log");
            // read only when moto_server fails to start
            log.toFile().deleteOnExit();
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Moto moto = new Moto(process, URI.create("http://127.0.0.1:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(moto::stop, "moto-server-stop"));
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(100))
                    .until(() -> moto.answers() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server ended at its start: " + Files.readString(log));
            }
            return moto;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto_server", e);
        }
    }

    private boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings of clients of moto: any keys do, in moto's default account. */
    public AwsSettings clientSettings() {
        return new AwsSettings(REGION, endpoint, endpoint, "moto-access-key", "moto-secret-key");
    }

    /** Forgets every resource of every service. */
    public void reset() {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("moto did not reset: " + reply.statusCode() + " " + reply.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A deployed stack of the template: its Outputs. */
    public record Deployed(Map<String, String> outputs) {

        public String bucket() {
            return outputs.get("BucketName");
        }

        public String queue() {
            return outputs.get("NotificationQueueName");
        }

        public String deadLetterQueue() {
            return outputs.get("DeadLetterQueueName");
        }
    }

    /**
     * The template created as stack {@link #STACK} through moto's CloudFormation (these parameters, the others at their
     * default), then the buckets' NotificationConfiguration as the
     * template declares it: moto's CloudFormation leaves it out.
     */
    public Deployed deploy(Map<String, String> parameters) throws IOException {
        String template = Files.readString(TEMPLATE);
        AwsSettings settings = clientSettings();
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().endpointOverride(endpoint)
                .region(AwsClients.region(settings))
                .credentialsProvider(AwsClients.credentials(settings)).build()) {
            cloudFormation.createStack(r -> r.stackName(STACK).templateBody(template)
                    .capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters.entrySet().stream().map(p -> Parameter.builder().parameterKey(p.getKey())
                            .parameterValue(p.getValue()).build()).toList()));
            // the SDK's waiter polls every 30 s; moto creates a stack within the call
            Stack stack = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> cloudFormation.describeStacks(r -> r.stackName(STACK)).stacks().get(0),
                            s -> s.stackStatus() != StackStatus.CREATE_IN_PROGRESS);
            if (stack.stackStatus() != StackStatus.CREATE_COMPLETE) {
                throw new IllegalStateException("Stack " + STACK + " not created: " + stack.stackStatus() + " "
                        + stack.stackStatusReason());
            }
            applyNotifications(CloudFormationTemplate.parse(template).provision(
                    new StackContext(STACK, accountOf(stack), REGION, parameters)));
            return new Deployed(stack.outputs().stream()
                    .collect(Collectors.toUnmodifiableMap(Output::outputKey, Output::outputValue)));
        }
    }

    /**
     * Each bucket's queue notifications, evaluated from the template (prefix and suffix filters, event, target queue).
     */
    private void applyNotifications(ProvisionedStack provisioned) {
        try (S3Client s3 = AwsClients.s3(clientSettings()); SqsClient sqs = AwsClients.sqs(clientSettings())) {
            for (ProvisionedStack.BucketSpec bucket : provisioned.buckets()) {
                List<QueueConfiguration> queues = new ArrayList<>();
                for (ProvisionedStack.QueueNotification notification : bucket.notifications()) {
                    String url = sqs.getQueueUrl(r -> r.queueName(notification.queueName())).queueUrl();
                    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes().get(QueueAttributeName.QUEUE_ARN);
                    // lower case, as the template writes them: moto fails (500) on the SDK's "Prefix"
                    Map<String, String> rules = new HashMap<>();
                    if (!notification.prefix().isEmpty()) {
                        rules.put("prefix", notification.prefix());
                    }
                    if (!notification.suffix().isEmpty()) {
                        rules.put("suffix", notification.suffix());
                    }
                    queues.add(QueueConfiguration.builder().queueArn(arn).eventsWithStrings(notification.event())
                            .filter(f -> f.key(k -> k.filterRules(rules.entrySet().stream()
                                    .map(rule -> FilterRule.builder().name(rule.getKey()).value(rule.getValue())
                                            .build()).toList())))
                            .build());
                }
                if (!queues.isEmpty()) {
                    s3.putBucketNotificationConfiguration(r -> r.bucket(bucket.name())
                            .notificationConfiguration(n -> n.queueConfigurations(queues)));
                }
            }
        }
    }

    /** The account of a stack: the fifth field of its ARN ({@code arn:aws:cloudformation:REGION:ACCOUNT:stack/...}). */
    private static String accountOf(Stack stack) {
        return stack.stackId().split(":")[4];
    }
}
