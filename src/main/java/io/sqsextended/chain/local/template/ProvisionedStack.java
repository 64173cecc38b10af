package io.sqsextended.chain.local.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a CloudFormation template asks for, reduced to the settings the embedded S3 and SQS can honour.
 *
 * @param buckets          S3 buckets, with their notification configurations
 * @param queues           SQS queues, dead-letter queues first
 * @param outputs          the template's Outputs, evaluated (name to value)
 * @param notApplicable    logical ids of resources that have no local counterpart (IAM, policies)
 */
public record ProvisionedStack(List<BucketSpec> buckets, List<QueueSpec> queues, Map<String, String> outputs,
                               List<String> notApplicable) {

    /** An S3 bucket, the queue notifications configured on it and its CORS rules (none: no cross-origin request). */
    public record BucketSpec(String logicalId, String name, List<QueueNotification> notifications,
            List<CorsRule> corsRules) {

        /** Without CORS rules. */
        public BucketSpec(String logicalId, String name, List<QueueNotification> notifications) {
            this(logicalId, name, notifications, List.of());
        }
    }

    /**
     * One entry of a bucket's {@code CorsConfiguration.CorsRules}; an origin or header may hold one {@code *} (as S3).
     *
     * @param maxAgeSeconds how long a browser may keep a preflight's answer, 0 when unset
     */
    public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                           List<String> exposedHeaders, int maxAgeSeconds) {

        public boolean allowsOrigin(String origin) {
            return allowedOrigins.stream().anyMatch(pattern -> wildcard(pattern, origin, false));
        }

        /** Whether a request from {@code origin} may use {@code method} and send {@code headers} (any case). */
        public boolean allows(String origin, String method, List<String> headers) {
            return allowsOrigin(origin) && allowedMethods.contains(method)
                    && headers.stream().allMatch(
                            header -> allowedHeaders.stream().anyMatch(pattern -> wildcard(pattern, header, true)));
        }

        private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
            String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
            String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            int star = p.indexOf('*');
            return star < 0 ? p.equals(v)
                    : v.length() >= p.length() - 1 && v.startsWith(p.substring(0, star))
                            && v.endsWith(p.substring(star + 1));
        }
    }

    /**
     * One entry of a bucket's {@code NotificationConfiguration.QueueConfigurations}.
     *
     * @param event     the S3 event pattern, e.g. {@code s3:ObjectCreated:*} or {@code s3:ObjectCreated:Put}
     * @param queueName name of the target queue (resolved from its ARN)
     * @param prefix    key prefix filter, empty when none
     * @param suffix    key suffix filter, empty when none
     */
    public record QueueNotification(String event, String queueName, String prefix, String suffix) {

        /** Whether an event such as {@code ObjectCreated:Put} on this key is selected by this configuration. */
        public boolean matches(String eventName, String key) {
            String wanted = event.startsWith("s3:") ? event.substring(3) : event;
            boolean eventMatches = wanted.endsWith(":*")
                    ? eventName.startsWith(wanted.substring(0, wanted.length() - 1))
                    : eventName.equals(wanted);
            return eventMatches && key.startsWith(prefix) && key.endsWith(suffix);
        }
    }

    /**
     * An SQS queue.
     *
     * @param visibilityTimeoutSeconds  {@code VisibilityTimeout} (SQS default 30)
     * @param delaySeconds              {@code DelaySeconds} (default 0)
     * @param receiveWaitSeconds        {@code ReceiveMessageWaitTimeSeconds} (default 0)
     * @param retentionSeconds          {@code MessageRetentionPeriod} (default 345600); not enforced locally
     * @param maximumMessageSize        {@code MaximumMessageSize} (default 1048576)
     * @param redrive                   the redrive policy, or null
     * @param fifo                      {@code FifoQueue} (default false): its name ends in {@code .fifo}
     * @param contentBasedDeduplication {@code ContentBasedDeduplication} (default false), FIFO queues only
     */
    public record QueueSpec(String logicalId, String name, int visibilityTimeoutSeconds, int delaySeconds,
                            int receiveWaitSeconds, int retentionSeconds, int maximumMessageSize,
                            Redrive redrive, boolean fifo, boolean contentBasedDeduplication) {

        /** A standard queue. */
        public QueueSpec(String logicalId, String name, int visibilityTimeoutSeconds, int delaySeconds,
                int receiveWaitSeconds, int retentionSeconds, int maximumMessageSize, Redrive redrive) {
            this(logicalId, name, visibilityTimeoutSeconds, delaySeconds, receiveWaitSeconds, retentionSeconds,
                    maximumMessageSize, redrive, false, false);
        }
    }

    /** {@code RedrivePolicy}: where a message goes after {@code maxReceiveCount} receives. */
    public record Redrive(String deadLetterQueueName, int maxReceiveCount) {
    }

    public QueueSpec queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No queue named " + name + " in the template"));
    }
}
