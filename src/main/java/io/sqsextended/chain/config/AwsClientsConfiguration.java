package io.sqsextended.chain.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.sqsextended.chain.config.setting.ChainResources;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the {@code S3Client}, {@code S3Presigner} and {@code SqsClient} that every route uses (the AWS components
 * autowire them), pointing at AWS or, in local mode, at the embedded stack launched here and running before any
 * route starts.
 */
@Configuration
public class AwsClientsConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClientsConfiguration.class);
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::");

    @Override
    public void configure(CamelContext context) throws Exception {
        // first: the ports are logged before the local-mode block that launchers wait for
        context.addStartupListener(new BoundPorts());
        ChainConfig config = ChainConfig.of(context);
        FreePorts.require(context, config);
        AwsSettings aws = config.aws();
        LocalAws local = null;
        if (config.isLocal()) {
            local = startLocalAws(context, config.local());
            aws = local.clientSettings();
            String queue = output(local, "NotificationQueueName");
            config = config.withResources(new ChainResources(output(local, "BucketName"), queue,
                    output(local, "DeadLetterQueueName"), local.queueUrl(queue)));
            context.getRegistry().bind(ChainConfig.BEAN, config);
            // user routes may name the resources as {{chain.bucket}}, {{chain.queue}}, {{chain.dead-letter-queue}}
            context.getPropertiesComponent().addOverrideProperty(ChainKeys.BUCKET.name(), config.resources().bucket());
            context.getPropertiesComponent().addOverrideProperty(ChainKeys.QUEUE.name(), config.resources().queue());
            context.getPropertiesComponent()
                    .addOverrideProperty(ChainKeys.DEAD_LETTER_QUEUE.name(), config.resources().deadLetterQueue());
        }
        context.getRegistry().bind(InjectionControl.BEAN, new InjectionControl(local));
        context.getRegistry().bind("chainAwsSettings", aws);
        // sized for the consumer's workers, which wait on S3 rather than use a core
        int connections = config.clientConnections();
        context.getRegistry().bind("s3Client", AwsClients.s3(aws, connections));
        context.getRegistry().bind("s3Presigner", AwsClients.presigner(aws));
        // its receives end once the context stops: a stop does not wait for the consumer's long poll
        context.getRegistry().bind("sqsClient", StoppableReceives.sqsClient(context, aws, connections));
        LOG.info("Mode {}: bucket {}, queue {}, dead-letter queue {}", config.mode().name().toLowerCase(Locale.ROOT),
                config.resources().bucket(), config.resources().queue(), config.resources().deadLetterQueue());
    }

    private static LocalAws startLocalAws(CamelContext context, LocalSettings settings) throws Exception {
        LocalAws local = new LocalAws(settings);
        local.launch();
        // awaited by the context's start before any route starts (the routes are built and the HTTP servers start
        // meanwhile), stopped with the context after the routes
        context.addService(local, true, true);
        HealthCheckRegistry.get(context).register(local.storageCheck());
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                LOG.info(local.describe(apiUrl(ctx)));
            }
        });
        return local;
    }

    /** The API as clients reach it: chain.public-url, else the address it is bound to (localhost for a wildcard). */
    private static URI apiUrl(CamelContext context) {
        ChainConfig config = ChainConfig.of(context);
        if (config.publicUrl() != null) {
            return config.publicUrl();
        }
        String host = BoundPorts.camelHost(context, BoundPorts.API_HOST);
        int port = BoundPorts.port(context, BoundPorts.configuredApiPort(context))
                .orElse(BoundPorts.configuredApiPort(context));
        return URI.create("http://" + (WILDCARDS.contains(host) ? "localhost" : host) + ":" + port);
    }

    /** Local mode names its resources after the template's Outputs, as an operator does after a deployment. */
    private static String output(LocalAws local, String name) {
        String value = local.outputs().get(name);
        if (value == null) {
            throw new IllegalStateException(
                    "The CloudFormation template has no Output " + name + ", which local mode needs");
        }
        return value;
    }
}
