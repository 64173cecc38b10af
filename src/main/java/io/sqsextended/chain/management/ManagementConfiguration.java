package io.sqsextended.chain.management;

import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.health.HealthCheckRegistry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Readiness checks on the management port: is the bucket there, is the queue there. */
@Configuration
public class ManagementConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        // names and clients are looked up when probed: the AWS configuration may not have run yet
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(new AwsReachableCheck("s3", () -> {
            String bucket = ChainProperties.require(context, "chain.bucket");
            context.getRegistry().findSingleByType(S3Client.class).headBucket(r -> r.bucket(bucket));
            return "s3://" + bucket;
        }));
        registry.register(new AwsReachableCheck("sqs", () -> {
            String queue = ChainProperties.require(context, "chain.queue");
            SqsClient sqs = context.getRegistry().findSingleByType(SqsClient.class);
            String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            return "sqs:" + queue;
        }));
    }
}
