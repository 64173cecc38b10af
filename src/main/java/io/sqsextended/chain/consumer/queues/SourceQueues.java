package io.sqsextended.chain.consumer.queues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sqsextended.chain.wire.QueueUrl;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.aws2.sqs.Sqs2Consumer;
import org.apache.camel.support.LifecycleStrategySupport;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queues the chain consumes ({@code chain.consumer.queues}), one consume route each: {@code chain-consume} for the
 * notification queue, {@code chain-consume-<queue name>} for the others. Bound in the registry for operations.
 * As a lifecycle strategy, it reads each queue's attributes right before its route's consumer starts.
 */
public final class SourceQueues extends LifecycleStrategySupport {

    private final SqsClient sqs;
    private final List<SourceQueue> queues;
    private final Map<String, SourceQueue> byRoute;

    /**
     * @param names              the queues to consume, in order
     * @param notificationQueue  the queue S3 notifies ({@code chain.queue}): route {@code consumeRoute}, dead letters
     *                           on {@code deadLetterQueue}
     * @param consumeRoute       the notification queue's route id; others add {@code -<queue name>}
     * @param visibility         configured visibility timeout in seconds, or null: each queue's own
     */
    public SourceQueues(SqsClient sqs, List<String> names, String notificationQueue, String deadLetterQueue,
            String consumeRoute, Integer visibility) {
        this.sqs = sqs;
        List<SourceQueue> list = new ArrayList<>();
        for (String name : names) {
            boolean notification = name.equals(notificationQueue);
            list.add(new SourceQueue(name, notification ? consumeRoute : consumeRoute + "-" + name,
                    new QueueUrl(sqs, name), notification ? new QueueUrl(sqs, deadLetterQueue) : null, visibility));
        }
        this.queues = List.copyOf(list);
        this.byRoute = queues.stream().collect(Collectors.toMap(SourceQueue::routeId, Function.identity()));
    }

    public List<SourceQueue> all() {
        return queues;
    }

    /** The queue a consume route reads, or null. */
    public SourceQueue byRoute(String routeId) {
        return byRoute.get(routeId);
    }

    /** The queue's dead-letter queue: known once its route started, else read now (the consumer is off). */
    public QueueUrl deadLetters(SourceQueue queue) {
        if (queue.deadLetters() == null) {
            queue.readAttributes(sqs);
        }
        return queue.deadLetters();
    }

    /** Camel calls this right before it starts a route's consumer: the queue is read then, not at build. */
    @Override
    public void onServiceAdd(CamelContext context, Service service, Route route) {
        SourceQueue queue = route == null ? null : byRoute.get(route.getRouteId());
        if (queue != null && service instanceof Sqs2Consumer consumer) {
            queue.readAttributes(sqs);
            consumer.getEndpoint().getConfiguration().setVisibilityTimeout(queue.visibilitySeconds());
        }
    }
}
