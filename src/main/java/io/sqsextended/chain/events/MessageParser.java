package io.sqsextended.chain.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sqsextended.chain.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.extended.PayloadPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Turns one SQS message into the payloads it names: S3 event notifications (also inside an SNS envelope),
 * EventBridge "Object Created" events, AWS SQS Extended Client pointers; an {@code s3:TestEvent} names none; any
 * other body is itself the payload. Refuses (with {@link PayloadRefusedException}) what no retry can fix.
 */
public final class MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(MessageParser.class);
    /**
     * Trailing content makes a body no JSON (an inline payload) rather than the JSON before it; the nesting bound
     * (S3 events nest 5 deep) keeps hostile bodies from costing stack: deeper ones are inline payloads.
     */
    private static final int MAX_NESTING = 100;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** S3's longest key, in bytes of UTF-8: a longer one cannot name an object, no retry helps. */
    private static final int MAX_KEY_BYTES = 1024;
    private static final Set<String> POINTER_CLASSES = Set.of(PayloadPointer.POINTER_CLASS, PayloadPointer.LEGACY_POINTER_CLASS);
    private static final Set<String> SIZE_ATTRIBUTES = Set.of(PayloadPointer.SIZE_ATTRIBUTE, PayloadPointer.LEGACY_SIZE_ATTRIBUTE);

    private final Set<String> allowedBuckets;

    public MessageParser(Set<String> allowedBuckets) {
        this.allowedBuckets = Set.copyOf(allowedBuckets);
    }

    public List<PayloadReference> parse(IncomingMessage message) {
        JsonNode json = readJson(message.body());
        boolean sizeAttribute = message.attributes().keySet().stream().anyMatch(SIZE_ATTRIBUTES::contains);
        if (json != null && isPointer(json)) {
            return List.of(pointer(json, message));
        }
        if (sizeAttribute) {
            throw new PayloadRefusedException("Unparseable extended-client pointer: the message has a payload size attribute"
                    + " but its body is not a PayloadS3Pointer");
        }
        if (json != null && json.isObject()) {
            if ("Notification".equals(json.path("Type").asText()) && json.path("Message").isTextual()) {
                return parse(new IncomingMessage(message.messageId(), json.get("Message").asText(), snsAttributes(json), message.sentAt()));
            }
            if ("s3:TestEvent".equals(json.path("Event").asText())) {
                LOG.info("Acknowledged s3:TestEvent of bucket {} (message {})", json.path("Bucket").asText(), message.messageId());
                return List.of();
            }
            if (json.has("Records")) {
                return s3Event(message.body());
            }
            if ("aws.s3".equals(json.path("source").asText()) && json.has("detail-type")) {
                return eventBridge(json);
            }
        }
        return List.of(new InlinePayload(message.body(), message.sentAt(), messageKey(message)));
    }

    private static boolean isPointer(JsonNode json) {
        return json.isArray() && json.size() == 2 && POINTER_CLASSES.contains(json.get(0).asText());
    }

    private ObjectReference pointer(JsonNode json, IncomingMessage message) {
        String bucket = json.get(1).path("s3BucketName").asText("");
        String key = json.get(1).path("s3Key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new PayloadRefusedException("Unparseable extended-client pointer: s3BucketName and s3Key are required");
        }
        requireAllowed(bucket);
        requireKey(key);
        return new ObjectReference(PayloadSource.EXTENDED_POINTER, bucket, key, null, message.sentAt(), messageKey(message));
    }

    private List<PayloadReference> s3Event(String body) {
        S3EventNotification notification;
        try {
            notification = S3EventNotification.fromJson(body);
        } catch (RuntimeException e) {
            throw new PayloadRefusedException("Unparseable S3 event notification: " + e.getMessage(), e);
        }
        if (notification.getRecords() == null || notification.getRecords().isEmpty()) {
            throw new PayloadRefusedException("Unparseable S3 event notification: no records");
        }
        List<PayloadReference> references = new ArrayList<>();
        for (S3EventNotificationRecord record : notification.getRecords()) {
            String version = String.valueOf(record.getEventVersion());
            if (!version.startsWith("2.") && !version.equals("2")) {
                throw new PayloadRefusedException("Unsupported S3 event version " + version + " (major version 2 is supported)");
            }
            String bucket = record.getS3().getBucket().getName();
            String key = decodeKey(record.getS3().getObject().getKey());
            if (record.getEventName() == null || record.getEventName().isBlank()) {
                throw new PayloadRefusedException("Unparseable S3 event notification: a record without eventName");
            }
            if (!record.getEventName().startsWith("ObjectCreated:")) {
                LOG.info("Ignored S3 event {} of s3://{}/{}", record.getEventName(), bucket, key);
                continue;
            }
            requireAllowed(bucket);
            requireKey(key);
            String versionId = record.getS3().getObject().getVersionId();
            references.add(new ObjectReference(PayloadSource.S3_EVENT, bucket, key, versionId, record.getEventTime(),
                    eventKey(bucket, key, versionId, record.getS3().getObject().getSequencer())));
        }
        return references;
    }

    private List<PayloadReference> eventBridge(JsonNode json) {
        JsonNode detail = json.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (!"Object Created".equals(json.path("detail-type").asText())) {
            LOG.info("Ignored EventBridge event {} of s3://{}/{}", json.path("detail-type").asText(), bucket, key);
            return List.of();
        }
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new PayloadRefusedException("Unparseable EventBridge Object Created event: detail.bucket.name and detail.object.key are required");
        }
        requireAllowed(bucket);
        requireKey(key);
        String versionId = detail.path("object").path("version-id").asText(null);
        return List.of(new ObjectReference(PayloadSource.S3_EVENT, bucket, key, versionId, instant(json.path("time").asText(null)),
                eventKey(bucket, key, versionId, detail.path("object").path("sequencer").asText(null))));
    }

    private static void requireKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new PayloadRefusedException("Object key longer than " + MAX_KEY_BYTES + " bytes of UTF-8 (S3's limit)");
        }
    }

    private void requireAllowed(String bucket) {
        if (!allowedBuckets.contains(bucket)) {
            throw new PayloadRefusedException("Bucket " + bucket + " is not in chain.consumer.allowed-buckets");
        }
    }

    /** S3 event keys are form-encoded: '+' is a space, "%2B" a '+'. */
    private static String decodeKey(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PayloadRefusedException("Unparseable S3 event: malformed object key " + key, e);
        }
    }

    /** SNS message attributes ({@code {"Name":{"Type":"Number","Value":"1"}}}) as SQS ones, for the pointer checks. */
    private static Map<String, MessageAttributeValue> snsAttributes(JsonNode envelope) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        envelope.path("MessageAttributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                MessageAttributeValue.builder().dataType(field.getValue().path("Type").asText("String"))
                        .stringValue(field.getValue().path("Value").asText()).build()));
        return attributes;
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String messageKey(IncomingMessage message) {
        return "sqs-message:" + message.messageId();
    }

    /** Hashed: keys may hold any character, line-based repositories (the file one) need one line per key. */
    private static String eventKey(String bucket, String key, String versionId, String sequencer) {
        String identity = String.join("\n", bucket, key, String.valueOf(versionId), String.valueOf(sequencer));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "s3-event:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
