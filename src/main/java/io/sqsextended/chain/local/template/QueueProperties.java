package io.sqsextended.chain.local.template;

import static io.sqsextended.chain.local.template.eval.StackResources.QUEUE;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.Redrive;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.StackResources;
import io.sqsextended.chain.local.template.eval.TemplateException;
import io.sqsextended.chain.local.template.eval.TemplateYaml;

/** Reads the evaluated properties of an {@code AWS::SQS::Queue} into what the embedded SQS creates, in order. */
final class QueueProperties {

    private static final PropertySupport SUPPORT = new PropertySupport(QUEUE, "SQS",
            Set.of("QueueName", "FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout", "DelaySeconds",
                    "ReceiveMessageWaitTimeSeconds", "MessageRetentionPeriod", "MaximumMessageSize", "RedrivePolicy"),
            Set.of("SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "Tags"));
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private QueueProperties() {
    }

    static QueueSpec read(String id, Map<String, Object> properties, StackResources resources, QueueArns queueArns) {
        String where = "Resources." + id + ".Properties";
        properties.keySet().forEach(key -> SUPPORT.emulates(where, key));
        boolean fifo = properties.containsKey("FifoQueue")
                && Nodes.bool(properties.get("FifoQueue"), where + ".FifoQueue");
        boolean contentBasedDeduplication = properties.containsKey("ContentBasedDeduplication")
                && Nodes.bool(properties.get("ContentBasedDeduplication"), where + ".ContentBasedDeduplication");
        if (contentBasedDeduplication && !fifo) {
            throw new TemplateException(where + ".ContentBasedDeduplication",
                    "content-based deduplication is for FIFO queues only (FifoQueue: true)");
        }
        String name = resources.physicalName(id);
        if (fifo && !FIFO_QUEUE_NAME.matcher(name).matches()) {
            throw new TemplateException(where + ".QueueName",
                    "'" + name + "' is not a valid SQS FIFO queue name (1-75 of A-Z a-z 0-9 - _, then .fifo)");
        }
        if (!fifo && !QUEUE_NAME.matcher(name).matches()) {
            throw new TemplateException(where + ".QueueName",
                    "'" + name + "' is not a valid SQS standard queue name (1-80 of A-Z a-z 0-9 - _)");
        }
        Redrive redrive = properties.containsKey("RedrivePolicy")
                ? redrive(properties.get("RedrivePolicy"), where + ".RedrivePolicy", queueArns) : null;
        // defaults and ranges as documented for SQS
        return new QueueSpec(id, name,
                intProperty(properties, "VisibilityTimeout", 30, 0, 43_200, where),
                intProperty(properties, "DelaySeconds", 0, 0, 900, where),
                intProperty(properties, "ReceiveMessageWaitTimeSeconds", 0, 0, 20, where),
                intProperty(properties, "MessageRetentionPeriod", 345_600, 60, 1_209_600, where),
                intProperty(properties, "MaximumMessageSize", 1_048_576, 1_024, 1_048_576, where),
                redrive, fifo, contentBasedDeduplication);
    }

    private static Redrive redrive(Object value, String where, QueueArns queueArns) {
        // CloudFormation accepts the policy as a JSON object or as a JSON string
        Map<String, Object> policy = Nodes.map(value instanceof String json ? TemplateYaml.load(json) : value, where);
        for (String key : policy.keySet()) {
            if (!key.equals("deadLetterTargetArn") && !key.equals("maxReceiveCount")) {
                throw new TemplateException(where + "." + key, "unknown redrive policy key " + key);
            }
        }
        String arn = Nodes.string(policy.get("deadLetterTargetArn"), where + ".deadLetterTargetArn");
        String deadLetterQueue = queueArns.queueName(arn, where + ".deadLetterTargetArn");
        return new Redrive(deadLetterQueue, intProperty(policy, "maxReceiveCount", -1, 1, 1000, where));
    }

    private static int intProperty(Map<String, Object> properties, String key, int defaultValue, int min, int max,
            String where) {
        if (!properties.containsKey(key)) {
            if (defaultValue < min) {
                throw new TemplateException(where + "." + key, key + " is required");
            }
            return defaultValue;
        }
        int value = Nodes.integer(properties.get(key), where + "." + key);
        if (value < min || value > max) {
            throw new TemplateException(where + "." + key, key + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** The queues, each after the queue it redrives to, whatever order the template lists them in. */
    static List<QueueSpec> deadLetterQueuesFirst(Iterable<QueueSpec> queues) {
        Map<String, QueueSpec> byName = new LinkedHashMap<>();
        queues.forEach(q -> byName.put(q.name(), q));
        Map<String, QueueSpec> ordered = new LinkedHashMap<>();
        for (QueueSpec queue : byName.values()) {
            addAfterDeadLetterQueue(queue, byName, ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered.values());
    }

    private static void addAfterDeadLetterQueue(QueueSpec queue, Map<String, QueueSpec> byName,
            Map<String, QueueSpec> ordered, Set<String> path) {
        if (ordered.containsKey(queue.name())) {
            return;
        }
        if (!path.add(queue.name())) {
            throw new TemplateException("Resources." + queue.logicalId() + ".Properties.RedrivePolicy",
                    "circular redrive " + String.join(" -> ", path) + " -> " + queue.name());
        }
        if (queue.redrive() != null) {
            QueueSpec deadLetterQueue = byName.get(queue.redrive().deadLetterQueueName());
            if (deadLetterQueue.fifo() != queue.fifo()) {
                throw new TemplateException("Resources." + queue.logicalId() + ".Properties.RedrivePolicy",
                        "the dead-letter queue of a " + kind(queue) + " queue must be a " + kind(queue) + " queue, "
                                + "not a " + kind(deadLetterQueue) + " one as " + deadLetterQueue.name() + " is");
            }
            addAfterDeadLetterQueue(deadLetterQueue, byName, ordered, path);
        }
        ordered.put(queue.name(), queue);
    }

    private static String kind(QueueSpec queue) {
        return queue.fifo() ? "FIFO" : "standard";
    }

    /** Refuses a FIFO queue a bucket notifies: S3 sends event notifications to standard queues only. */
    static void requireStandardNotificationTargets(List<BucketSpec> buckets, Collection<QueueSpec> queues) {
        for (BucketSpec bucket : buckets) {
            for (QueueNotification notification : bucket.notifications()) {
                queues.stream().filter(q -> q.fifo() && q.name().equals(notification.queueName())).findFirst()
                        .ifPresent(q -> {
                            throw new TemplateException("Resources." + q.logicalId() + ".Properties.FifoQueue",
                                    "S3 cannot send event notifications to a FIFO queue, and bucket "
                                            + bucket.logicalId() + " notifies " + q.name());
                        });
            }
        }
    }
}
