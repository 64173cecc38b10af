package io.sqsextended.chain.local.s3.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.wire.QueueUrl;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.eventnotifications.s3.model.RequestParameters;
import software.amazon.awssdk.eventnotifications.s3.model.ResponseElements;
import software.amazon.awssdk.eventnotifications.s3.model.S3;
import software.amazon.awssdk.eventnotifications.s3.model.S3Bucket;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.eventnotifications.s3.model.S3Object;
import software.amazon.awssdk.eventnotifications.s3.model.UserIdentity;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * S3 bucket notifications for the embedded S3: turns object creations into S3 event notification JSON and sends
 * it to the configured queues once the object is stored, before the request is answered (so that no event is lost
 * to a crash after the answer).
 */
public final class BucketNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BucketNotifier.class);
    private static final int SEND_ATTEMPTS = 5;

    private final Map<String, List<QueueNotification>> notificationsByBucket;
    private final SqsClient sqs;
    private final String region;
    private final String accountId;
    private final Map<String, QueueUrl> queueUrls = new ConcurrentHashMap<>();
    // one thread keeps the events of a key in the order of their sequencers
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "s3-notifications"));
    // sequencers grow with time across restarts and with every event within a millisecond
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 16);

    public BucketNotifier(Map<String, List<QueueNotification>> notificationsByBucket, SqsClient sqs, String region,
            String accountId) {
        this.notificationsByBucket = Map.copyOf(notificationsByBucket);
        this.sqs = sqs;
        this.region = region;
        this.accountId = accountId;
    }

    /** The queue configurations of each bucket. */
    public Map<String, List<QueueNotification>> notificationsByBucket() {
        return notificationsByBucket;
    }

    /** The id of the configuration that sends to {@code queueName}, as events and the configuration itself give it. */
    public static String configurationId(String queueName) {
        return "notify-" + queueName;
    }

    /** Whether anything listens to this event, so that the caller reads the object's metadata only when needed. */
    boolean wants(String bucket, String eventName, String key) {
        return notificationsByBucket.getOrDefault(bucket, List.of()).stream().anyMatch(n -> n.matches(eventName, key));
    }

    void objectCreated(String bucket, String operation, BlobMetadata object) {
        String eventName = "ObjectCreated:" + operation;
        String key = object.getName();
        List<QueueNotification> targets = notificationsByBucket.getOrDefault(bucket, List.of()).stream()
                .filter(n -> n.matches(eventName, key)).toList();
        List<Future<?>> sent = new ArrayList<>();
        for (QueueNotification target : targets) {
            String body = eventJson(bucket, eventName, object, configurationId(target.queueName()));
            sent.add(sender.submit(() -> send(target.queueName(), body, key)));
        }
        // the request is answered only once its events are on their queues (SQS keeps them): a kill -9 right after
        // S3 answered loses no event, as none is lost on AWS. The single sender still keeps the events in order.
        for (Future<?> event : sent) {
            try {
                event.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.error("Could not notify of {}: {}", key, e.getCause().toString());
            }
        }
    }

    /** The message S3 sends when a notification configuration is saved. */
    public void testEvent(String bucket) {
        notificationsByBucket.getOrDefault(bucket, List.of()).stream().map(QueueNotification::queueName).distinct()
                .forEach(queue -> {
                    String body = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"" + Instant.now()
                            + "\",\"Bucket\":\"" + bucket + "\",\"RequestId\":\"" + requestId()
                            + "\",\"HostId\":\"" + UUID.randomUUID() + "\"}";
                    sender.execute(() -> send(queue, body, "s3:TestEvent"));
                });
    }

    private String eventJson(String bucket, String eventName, BlobMetadata object, String configurationId) {
        var record = new S3EventNotificationRecord();
        record.setEventVersion("2.1");
        record.setEventSource("aws:s3");
        record.setAwsRegion(region);
        record.setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        record.setEventName(eventName);
        record.setUserIdentity(new UserIdentity("AWS:" + accountId));
        record.setRequestParameters(new RequestParameters("127.0.0.1"));
        record.setResponseElements(new ResponseElements(UUID.randomUUID().toString(), requestId()));
        var s3Bucket = new S3Bucket(bucket, new UserIdentity(accountId), "arn:aws:s3:::" + bucket);
        var s3Object = new S3Object(formEncode(object.getName()), object.getSize(), unquote(object.getETag()), null,
                String.format("%018X", sequence.incrementAndGet()));
        record.setS3(new S3(configurationId, s3Bucket, s3Object, "1.0"));
        // S3 leaves versionId out on unversioned buckets; the SDK's writer would print null
        return new S3EventNotification(List.of(record)).toJson().replace("\"versionId\":null,", "");
    }

    private void send(String queue, String body, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                String url = queueUrls.computeIfAbsent(queue, q -> new QueueUrl(sqs, q)).get();
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
                LOG.debug("Notified {} of {}", queue, what);
                return;
            } catch (RuntimeException e) {
                if (attempt == SEND_ATTEMPTS) {
                    LOG.error("Could not notify queue {} of {} after {} attempts: {}", queue, what, attempt,
                            e.toString());
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** S3 event keys are form-encoded: space as '+', '+' as %2B, UTF-8 escapes; '/' stays. */
    static String formEncode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    private static String requestId() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    /** Sends what is pending, then stops. */
    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Dropped {} pending S3 notifications at shutdown", sender.shutdownNow().size());
        }
    }
}
