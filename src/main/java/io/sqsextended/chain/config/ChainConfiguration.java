package io.sqsextended.chain.config;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the {@code S3Client}, {@code S3Presigner} and {@code SqsClient} that every route uses (the AWS components
 * autowire them), pointing at AWS or, in local mode, at the embedded stack started here before any route.
 */
@Configuration
public class ChainConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ChainConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        String mode = ChainProperties.get(context, "chain.mode").orElse("local");
        // first: the ports are logged before the local-mode block that launchers wait for
        context.addStartupListener(new BoundPorts());
        AwsSettings aws = switch (mode) {
            case "local" -> startLocalAws(context);
            case "aws" -> AwsSettings.from(context);
            default -> throw new IllegalArgumentException("chain.mode must be local or aws, not " + mode);
        };
        for (String key : new String[] {"chain.bucket", "chain.queue", "chain.dead-letter-queue"}) {
            ChainProperties.require(context, key);
        }
        context.getRegistry().bind("chainAwsSettings", aws);
        context.getRegistry().bind("s3Client", AwsClients.s3(aws));
        context.getRegistry().bind("s3Presigner", AwsClients.presigner(aws));
        context.getRegistry().bind("sqsClient", AwsClients.sqs(aws));
        LOG.info("Mode {}: bucket {}, queue {}, dead-letter queue {}", mode, ChainProperties.require(context, "chain.bucket"),
                ChainProperties.require(context, "chain.queue"), ChainProperties.require(context, "chain.dead-letter-queue"));
    }

    private static AwsSettings startLocalAws(CamelContext context) throws Exception {
        LocalAws local = new LocalAws(LocalSettings.from(context));
        local.start();
        // stopped with the context, after the routes
        context.addService(local, true, false);
        HealthCheckRegistry.get(context).register(local.storageCheck());
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                LOG.info(local.describe());
            }
        });
        context.getPropertiesComponent().addOverrideProperty("chain.bucket", output(local, "BucketName"));
        context.getPropertiesComponent().addOverrideProperty("chain.queue", output(local, "NotificationQueueName"));
        context.getPropertiesComponent().addOverrideProperty("chain.dead-letter-queue", output(local, "DeadLetterQueueName"));
        return local.clientSettings();
    }

    /** Local mode names its resources after the template's Outputs, as an operator does after a deployment. */
    private static String output(LocalAws local, String name) {
        String value = local.stack().outputs().get(name);
        if (value == null) {
            throw new IllegalStateException("The CloudFormation template has no Output " + name + ", which local mode needs");
        }
        return value;
    }
}
