package io.sqsextended.chain.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelContext;

/**
 * Settings of the embedded stack ({@code chain.local.*}).
 *
 * @param dataDir            where objects and queued messages are kept across restarts
 * @param bindAddress        address both servers listen on (loopback by default)
 * @param s3Port             S3Proxy port, 0 for any free port
 * @param sqsPort            ElasticMQ port, 0 for any free port
 * @param accessKey          the only credentials the embedded S3 and SQS accept
 * @param secretKey          secret of {@code accessKey}
 * @param region             region in ARNs, queue URLs and signatures
 * @param template           CloudFormation template to provision from ({@code classpath:} or a file path)
 * @param stackName          value of {@code AWS::StackName} when evaluating the template
 * @param parameters         template parameter overrides ({@code chain.local.parameter.<Name>})
 * @param storageReserve     bytes kept free on the data disk: uploads that would eat into them are refused
 */
public record LocalSettings(Path dataDir, String bindAddress, int s3Port, int sqsPort, String accessKey,
                            String secretKey, String region, String template, String stackName,
                            Map<String, String> parameters, long storageReserve) {

    public static final String ACCOUNT_ID = "000000000000";
    private static final String PARAMETER_PREFIX = "chain.local.parameter.";

    public static LocalSettings from(CamelContext context) {
        Map<String, String> parameters = new TreeMap<>();
        // loadProperties lists the properties files only: -D keys are looked up too, each value resolved with precedence
        Set<String> keys = new TreeSet<>(context.getPropertiesComponent().loadProperties(key -> key.startsWith(PARAMETER_PREFIX)).stringPropertyNames());
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(PARAMETER_PREFIX)).forEach(keys::add);
        keys.forEach(key -> ChainProperties.get(context, key).ifPresent(value -> parameters.put(key.substring(PARAMETER_PREFIX.length()), value)));
        return new LocalSettings(
                Path.of(ChainProperties.get(context, "chain.local.data-dir").orElse("data")).toAbsolutePath().normalize(),
                ChainProperties.get(context, "chain.local.bind-address").orElse("127.0.0.1"),
                ChainProperties.getInt(context, "chain.local.s3-port", 9000),
                ChainProperties.getInt(context, "chain.local.sqs-port", 9324),
                ChainProperties.require(context, "chain.local.access-key"),
                ChainProperties.require(context, "chain.local.secret-key"),
                ChainProperties.get(context, "chain.region").orElse("us-east-1"),
                ChainProperties.get(context, "chain.local.template").orElse("classpath:cloudformation/sqs-extended-chain.yaml"),
                ChainProperties.get(context, "chain.local.stack-name").orElse("sqs-extended-chain"),
                parameters,
                ChainProperties.size("chain.local.storage-reserve",
                        ChainProperties.get(context, "chain.local.storage-reserve").orElse("64MiB")));
    }

    /** Host name that clients use to reach a server bound to {@link #bindAddress()}. */
    public String publicHost() {
        return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "localhost" : bindAddress;
    }
}
