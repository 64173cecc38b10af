package io.sqsextended.chain.consumer.events;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sqsextended.chain.consumer.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.wire.InlineMark;
import io.sqsextended.chain.wire.ObjectKeys;
import io.sqsextended.chain.wire.PayloadPointer;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.PayloadSource;
import io.sqsextended.chain.wire.S3Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Turns one SQS message into the payloads it names: S3 event notifications (also inside an SNS envelope),
 * EventBridge "Object Created" events, AWS SQS Extended Client pointers (only under the pointer prefixes); an
 * {@code s3:TestEvent} names none; a body marked inline ({@link InlineMark}) and any other body is itself the payload.
 * Refuses (with {@link PayloadRefusedException}) what no retry can fix: every malformed input, whatever it lacks.
 */
public final class MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(MessageParser.class);
    /**
     * Trailing content makes a body no JSON (an inline payload) rather than the JSON before it; the nesting bound
     * (S3 events nest 5 deep) keeps hostile bodies from costing stack: deeper ones are inline payloads.
     */
    private static final int MAX_NESTING = 100;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> POINTER_CLASSES = Set.of(PayloadPointer.POINTER_CLASS,
            PayloadPointer.LEGACY_POINTER_CLASS);
    /** At most 19 digits: within a long, far above S3's 5 TiB object limit. */
    static final Pattern BYTE_COUNT = Pattern.compile("[0-9]{1,19}");
    private static final Set<String> SIZE_ATTRIBUTES = Set.of(PayloadPointer.SIZE_ATTRIBUTE,
            PayloadPointer.LEGACY_SIZE_ATTRIBUTE);

    private final Set<String> allowedBuckets;
    private final List<PointerGrant> pointerGrants;
    private final SnsSignatures snsSignatures;

    /**
     * @param pointerGrants where pointers may name objects: where the extended producers write, never the prefix
     *                      producers upload to (the cleanup deletes what a pointer names)
     * @param snsSignatures how SNS envelopes are verified ({@link SnsSignatures#OFF}: not at all)
     */
    public MessageParser(Set<String> allowedBuckets, List<PointerGrant> pointerGrants, SnsSignatures snsSignatures) {
        this.allowedBuckets = Set.copyOf(allowedBuckets);
        this.pointerGrants = List.copyOf(pointerGrants);
        this.snsSignatures = snsSignatures;
    }

    public MessageParser(Set<String> allowedBuckets, List<PointerGrant> pointerGrants) {
        this(allowedBuckets, pointerGrants, SnsSignatures.OFF);
    }

    public List<PayloadReference> parse(IncomingMessage message) {
        if (InlineMark.isMarked(message.attributes())) {
            return List.of(inline(message));
        }
        try {
            return references(message);
        } catch (PayloadRefusedException | SnsSignatures.CertificateUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser does no I/O: whatever else breaks it is input it cannot read, which no retry changes
            throw new PayloadRefusedException("Unparseable message: " + e, e);
        }
    }

    private List<PayloadReference> references(IncomingMessage message) {
        JsonNode json = readJson(message.body());
        boolean sizeAttribute = message.attributes().keySet().stream().anyMatch(SIZE_ATTRIBUTES::contains);
        if (json != null && isPointer(json)) {
            return List.of(pointer(json, message));
        }
        if (sizeAttribute) {
            throw new PayloadRefusedException(
                    "Unparseable extended-client pointer: the message has a payload size attribute"
                    + " but its body is not a PayloadS3Pointer");
        }
        if (json != null && json.isObject()) {
            if (SnsEnvelope.isEnvelope(json)) {
                return references(new IncomingMessage(message.messageId(), SnsEnvelope.message(json, snsSignatures),
                        SnsEnvelope.attributes(json), message.sentAt()));
            }
            if ("s3:TestEvent".equals(json.path("Event").asText())) {
                LOG.info("Acknowledged s3:TestEvent of bucket {} (message {})", json.path("Bucket").asText(),
                        message.messageId());
                return List.of();
            }
            if (json.has("Records")) {
                return S3EventRecords.notification(json, this::admit);
            }
            if ("aws.s3".equals(json.path("source").asText()) && json.has("detail-type")) {
                return S3EventRecords.eventBridge(json, this::admit);
            }
            if (EventBridgeEnvelope.isEnvelope(json)) {
                // only a pointer is unwrapped: any other event stays the payload it always was
                IncomingMessage wrapped = EventBridgeEnvelope.message(json, message);
                JsonNode inside = readJson(wrapped.body());
                if (inside != null && isPointer(inside)) {
                    return List.of(pointer(inside, wrapped));
                }
            }
        }
        return List.of(inline(message));
    }

    private static InlinePayload inline(IncomingMessage message) {
        return new InlinePayload(message.body(), message.sentAt(), messageKey(message));
    }

    private static boolean isPointer(JsonNode json) {
        return json.isArray() && json.size() == 2 && POINTER_CLASSES.contains(json.get(0).asText());
    }

    private ObjectReference pointer(JsonNode json, IncomingMessage message) {
        String bucket = json.get(1).path("s3BucketName").asText("");
        String key = json.get(1).path("s3Key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new PayloadRefusedException(
                    "Unparseable extended-client pointer: s3BucketName and s3Key are required");
        }
        // a bucket that a grant names is allowed for pointers by the grant itself
        if (pointerGrants.stream().noneMatch(grant -> bucket.equals(grant.bucket()))) {
            requireAllowed(bucket);
        }
        requireKey(key);
        if (pointerGrants.stream().noneMatch(grant -> grant.covers(bucket, key, allowedBuckets))) {
            throw new PayloadRefusedException("Pointer to s3://" + bucket + "/" + key
                    + " refused: pointers may name only keys under "
                    + TrustSettings.POINTER_PREFIXES.name() + " (" + pointerGrants.stream().map(PointerGrant::toString)
                            .collect(Collectors.joining(", ")) + ")");
        }
        return new ObjectReference(PayloadSource.EXTENDED_POINTER, bucket, key, null, declaredSize(message),
                declaredSha256(message),
                message.sentAt(), messageKey(message), null);
    }

    /** The SHA-256 the extended producer wrote, which the object's bytes must have; null when absent. */
    private static String declaredSha256(IncomingMessage message) {
        MessageAttributeValue value = message.attributes().get(PayloadSha256.ATTRIBUTE);
        if (value != null && !PayloadSha256.isWellFormed(value.stringValue())) {
            throw new PayloadRefusedException("Unparseable extended-client pointer: " + PayloadSha256.ATTRIBUTE
                    + " is not the base64 of a SHA-256: " + abbreviate(String.valueOf(value.stringValue())));
        }
        return value == null ? null : value.stringValue();
    }

    /** The size attribute the extended clients write: a byte count, which the object must match; null when absent. */
    private static Long declaredSize(IncomingMessage message) {
        for (String name : SIZE_ATTRIBUTES) {
            MessageAttributeValue value = message.attributes().get(name);
            if (value != null) {
                String text = String.valueOf(value.stringValue());
                if (!BYTE_COUNT.matcher(text).matches()) {
                    throw new PayloadRefusedException("Unparseable extended-client pointer: " + name
                            + " is not a byte count: " + abbreviate(text));
                }
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new PayloadRefusedException("Unparseable extended-client pointer: " + name
                            + " is out of range: " + abbreviate(text), e);
                }
            }
        }
        return null;
    }

    /**
     * A key S3 refuses, or that a filesystem-backed store reads as another object, names nothing a retry could find.
     */
    private static void requireKey(String key) {
        ObjectKeys.malformation(key).ifPresent(why -> {
            throw new PayloadRefusedException("Malformed object key: " + why + " (S3's limit is "
                    + S3Limits.MAX_KEY_BYTES + " bytes)");
        });
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private void admit(String bucket, String key) {
        requireAllowed(bucket);
        requireKey(key);
    }

    private void requireAllowed(String bucket) {
        if (!allowedBuckets.contains(bucket)) {
            throw new PayloadRefusedException("Bucket " + bucket + " is not in "
                    + TrustSettings.ALLOWED_BUCKETS.name());
        }
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

    private static String messageKey(IncomingMessage message) {
        return "sqs-message:" + message.messageId();
    }
}
