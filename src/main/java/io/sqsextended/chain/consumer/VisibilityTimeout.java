package io.sqsextended.chain.consumer;

import io.sqsextended.chain.wire.QueueUrl;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.aws2.sqs.Sqs2Consumer;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Gives the queue consumer the visibility timeout it renews as it starts, not when its route is built: SQS runs by
 * then (local mode starts its embedded SQS while the routes are built). The queue's own VisibilityTimeout unless one is
 * configured, so that the renewals match what the template declares.
 */
final class VisibilityTimeout extends LifecycleStrategySupport {

    /** The template's default VisibilityTimeout. */
    static final int DEFAULT_SECONDS = 360;
    private static final Logger LOG = LoggerFactory.getLogger(VisibilityTimeout.class);

    private final String routeId;
    private final Integer configured;
    private final SqsClient sqs;
    private final QueueUrl queue;

    VisibilityTimeout(String routeId, Integer configured, SqsClient sqs, QueueUrl queue) {
        this.routeId = routeId;
        this.configured = configured;
        this.sqs = sqs;
        this.queue = queue;
    }

    /** Camel calls this right before it starts a route's consumer. */
    @Override
    public void onServiceAdd(CamelContext context, Service service, Route route) {
        if (service instanceof Sqs2Consumer consumer && route != null && routeId.equals(route.getRouteId())) {
            consumer.getEndpoint().getConfiguration().setVisibilityTimeout(seconds());
        }
    }

    private int seconds() {
        if (configured != null) {
            return configured;
        }
        try {
            return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queue.get())
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
        } catch (SdkException e) {
            LOG.warn("Cannot read queue {} now, taking a visibility timeout of {} s "
                    + "(chain.consumer.visibility-timeout): {}", queue.queueName(), DEFAULT_SECONDS, e.getMessage());
            return DEFAULT_SECONDS;
        }
    }
}
