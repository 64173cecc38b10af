package io.sqsextended.chain.config;

import java.util.List;

import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.local.LocalSettings.ByService;
import io.sqsextended.chain.local.LocalSettings.Fault;
import io.sqsextended.chain.local.LocalSettings.Latency;

/**
 * The keys {@code config} reads itself: the mode, the stack's resources, keys more than one feature reads, the AWS
 * clients' and local mode's ({@code local} knows only {@code wire}, so its keys are declared here). Each feature
 * declares its own next to the code that reads them (as {@code consumer.ConsumerSettings}).
 */
public final class ChainKeys {

    public static final Setting<String> MODE = Setting.text("chain.mode", "local",
            "local: embedded S3 and SQS; aws: AWS (or an endpoint override)");
    public static final Setting<String> REGION = Setting.text("chain.region", null, "signing region")
            .byMode(LocalSettings.DEFAULT_REGION, null);
    public static final Setting<String> BUCKET = Setting.text("chain.bucket", null,
            "payload bucket; required in aws mode");
    public static final Setting<String> QUEUE = Setting.text("chain.queue", null,
            "notification queue name; required in aws mode");
    public static final Setting<String> DEAD_LETTER_QUEUE = Setting.text("chain.dead-letter-queue", null,
            "dead-letter queue name; required in aws mode");
    /** Read by the presign API (where uploads go) and the consumer (where pointers may not reach). */
    public static final Setting<String> INPUT_PREFIX = Setting.text("chain.input-prefix", "input/",
            "key prefix of uploads");
    public static final Setting<String> PUBLIC_URL = Setting.text("chain.public-url", null,
            "the API as clients reach it");
    /** Read by the consumer (its workers) and the AWS clients (their connections). */
    public static final Setting<Integer> CONCURRENCY = Setting.integer("chain.consumer.concurrency", "64",
            "payloads processed in parallel").require(threads -> threads >= 1, "must be at least 1");
    /** Read by the extended producer (where it offloads) and the consumer (what pointers may name by default). */
    public static final Setting<String> EXTENDED_KEY_PREFIX = Setting.text("chain.extended.key-prefix", "offload/",
            "key prefix of offloaded payloads");

    // read by log4j2.properties before Camel starts; checked here so that a typo is reported with the rest
    public static final Setting<String> LOG_FORMAT = Setting.text("chain.log.format", "text",
            "text, or json: one JSON object per line")
            .require(format -> List.of("text", "json").contains(format), "must be text or json");

    public static final Setting<String> AWS_ENDPOINT = Setting.text("chain.aws.endpoint-override", null,
            "one endpoint for S3 and SQS");
    public static final Setting<String> AWS_S3_ENDPOINT = Setting.text("chain.aws.s3-endpoint-override", null,
            "S3 endpoint");
    public static final Setting<String> AWS_SQS_ENDPOINT = Setting.text("chain.aws.sqs-endpoint-override", null,
            "SQS endpoint");
    public static final Setting<String> AWS_S3_PUBLIC_ENDPOINT = Setting.text("chain.aws.s3-public-endpoint", null,
            "S3 as the API's clients reach it: the host of presigned URLs");
    public static final Setting<String> AWS_ACCESS_KEY = Setting.text("chain.aws.access-key", null,
            "static access key");
    public static final Setting<String> AWS_SECRET_KEY = Setting.text("chain.aws.secret-key", null,
            "static secret key");

    public static final Setting<String> LOCAL_DATA_DIR = Setting.text("chain.local.data-dir", "data",
            "where local mode keeps objects and messages");
    public static final Setting<String> LOCAL_BIND_ADDRESS = Setting.text("chain.local.bind-address", "127.0.0.1",
            "address the embedded S3 and SQS listen on");
    public static final Setting<Integer> LOCAL_S3_PORT = port("chain.local.s3-port", "9000",
            "embedded S3 port (0: any free port)");
    public static final Setting<Integer> LOCAL_SQS_PORT = port("chain.local.sqs-port", "9324",
            "embedded SQS port (0: any free port)");
    public static final Setting<String> LOCAL_PUBLIC_ENDPOINT = Setting.text("chain.local.public-endpoint", null,
            "the embedded S3 as clients reach it");
    public static final Setting<String> LOCAL_ACCESS_KEY = Setting.text("chain.local.access-key", "local-access-key",
            "the embedded stack's access key");
    public static final Setting<String> LOCAL_SECRET_KEY = Setting.text("chain.local.secret-key", "local-secret-key",
            "the embedded stack's secret key");
    public static final Setting<String> LOCAL_TEMPLATE = Setting.text("chain.local.template",
            "classpath:cloudformation/sqs-extended-chain.yaml", "template local mode provisions from");
    public static final Setting<String> LOCAL_STACK_NAME = Setting.text("chain.local.stack-name", "sqs-extended-chain",
            "AWS::StackName when evaluating the template");
    public static final Setting<String> LOCAL_PARAMETERS = Setting.family("chain.local.parameter.",
            "override of a template parameter");
    public static final Setting<Long> LOCAL_STORAGE_RESERVE = Setting.size("chain.local.storage-reserve", "64MiB",
            "space kept free on the data disk");
    public static final Setting<ByService<Latency>> LOCAL_LATENCY = Setting.of("chain.local.latency",
            "none", InjectionValues::latency,
            "delay added to every request of the embedded S3 and SQS");
    public static final Setting<ByService<Fault>> LOCAL_FAULTS = Setting.of("chain.local.faults",
            "none", InjectionValues::faults,
            "share of requests the embedded S3 and SQS answer with an error");

    static final SettingsGroup<Void> GROUP = SettingsGroup.declaredIn(ChainKeys.class);

    private ChainKeys() {
    }

    private static Setting<Integer> port(String name, String defaultValue, String doc) {
        return Setting.integer(name, defaultValue, doc)
                .require(port -> port >= 0 && port <= 65_535, "must be a port (0 to 65535)");
    }
}
