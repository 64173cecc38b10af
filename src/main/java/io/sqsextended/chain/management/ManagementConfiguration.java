package io.sqsextended.chain.management;

import java.util.Map;
import java.util.function.Supplier;

import io.sqsextended.chain.api.StartGate;
import io.sqsextended.chain.config.BoundPorts;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.config.setting.ChainResources;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.ConsumerConfiguration;
import io.sqsextended.chain.consumer.ConsumerErrorHandling;
import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.delivery.DeadLetterSender;
import io.sqsextended.chain.consumer.queues.SourceQueues;
import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.wire.QueueUrl;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.util.URISupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Operations: the chain's MBean ({@code io.sqsextended:type=Chain}) with its counters and the redrive, and readiness
 * checks on the management port (is the bucket there, is the queue there, can delivered keys be recorded), which
 * answers 503 {@code starting} until the app has started.
 */
@Configuration
public class ManagementConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ChainCounters counters = new ChainCounters(
                URISupport.normalizeUri(ChainConfig.of(context).get(ConsumerSettings.GROUP).routes().downstreamUri()),
                URISupport.normalizeUri(ConsumerErrorHandling.DEAD_LETTER_ENDPOINT));
        context.getManagementStrategy().addEventNotifier(counters);
        // names and clients are looked up once started or when probed: the AWS configuration may not have run yet
        Supplier<SourceQueues> sourceQueues = () -> context.getRegistry().lookupByNameAndType(
                ConsumerRoutes.SOURCE_QUEUES, SourceQueues.class);
        context.addService(new ChainOperations(context, sourceQueues, counters,
                () -> new DeadLetterQueues(context.getRegistry().findSingleByType(SqsClient.class), sourceQueues.get(),
                        resources(context).deadLetterQueue(), resources(context).queue(),
                        DeadLetterSender.FAILURE_ATTRIBUTES),
                () -> {
                    ApiMetrics api = context.getRegistry().findSingleByType(ApiMetrics.class);
                    return api == null ? Map.of() : api.snapshot();
                }));

        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(new AwsReachableCheck("s3", () -> {
            String bucket = resources(context).bucket();
            context.getRegistry().findSingleByType(S3Client.class).headBucket(r -> r.bucket(bucket));
            return "s3://" + bucket;
        }));
        registry.register(new AwsReachableCheck("sqs", () -> probeQueue(context, resources(context).queue())));
        // each further source queue named has a check of its own (the notification queue's is the one above)
        for (String queue : ChainConfig.of(context).value(ConsumerSettings.QUEUES)) {
            registry.register(new AwsReachableCheck("sqs-" + queue, () -> probeQueue(context, queue)));
        }
        registry.register(new IdempotencyStoreCheck(
                () -> context.getRegistry().lookupByName(ConsumerConfiguration.IDEMPOTENT_REPOSITORY)));

        // a server of its own listens before the routes start, as the API's does (on the API's port, its gate serves)
        int apiPort = BoundPorts.configuredApiPort(context);
        for (ManagementHttpServer server : context.hasServices(ManagementHttpServer.class)) {
            if (server.getPort() != apiPort) {
                StartGate.install(context, server.getConfiguration());
            }
        }
    }

    private static String probeQueue(CamelContext context, String queue) {
        SqsClient sqs = context.getRegistry().findSingleByType(SqsClient.class);
        // looked up at each check: the lookup is part of what is checked
        String url = new QueueUrl(sqs, queue).get();
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        return "sqs:" + queue;
    }

    /** Looked up when used: in local mode the names are known once the embedded stack is provisioned. */
    private static ChainResources resources(CamelContext context) {
        return ChainConfig.of(context).resources();
    }
}
