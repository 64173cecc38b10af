package io.sqsextended.chain.consumer.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import io.sqsextended.chain.wire.PayloadSource;
import io.sqsextended.chain.wire.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 event notifications as their senders write them (AWS S3, MinIO, Ceph RGW, LocalStack, moto: {@code Records[]}),
 * and EventBridge "Object Created" events. Only what the delivery needs is required (bucket, key, version, event name,
 * major version 2); a time, size, ETag or sequencer that cannot be read is reported with the payload, never refused.
 */
final class S3EventRecords {

    private static final Logger LOG = LoggerFactory.getLogger(S3EventRecords.class);
    private static final String CREATED = "ObjectCreated:";
    /**
     * MinIO and older Ceph RGW write the configuration's event names, with this prefix (AWS, LocalStack and moto
     * without).
     */
    private static final String CONFIGURATION_PREFIX = "s3:";
    /** MinIO's ObjectCreated events that change an existing object's metadata, not its bytes: no new payload. */
    private static final Set<String> METADATA_CHANGES = Set.of("PutTagging", "DeleteTagging", "PutRetention",
            "PutLegalHold");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    /**
     * What the parser checks of every object an event names (allowed bucket, well-formed key) before it is a payload.
     */
    interface Admission {
        void admit(String bucket, String key);
    }

    private S3EventRecords() {
    }

    /**
     * Read off the tree already parsed: a second parse by the SDK's event model cost each payload as much CPU again.
     */
    static List<PayloadReference> notification(JsonNode json, Admission admission) {
        JsonNode records = json.get("Records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new PayloadRefusedException("Unparseable S3 event notification: no records");
        }
        List<PayloadReference> references = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode s3 = record.path("s3");
            JsonNode object = s3.path("object");
            String bucket = text(s3.path("bucket").path("name"));
            String rawKey = text(object.path("key"));
            if (bucket == null || rawKey == null) {
                throw new PayloadRefusedException(
                        "Unparseable S3 event notification: a record without s3.bucket.name and s3.object.key");
            }
            String eventName = text(record.path("eventName"));
            String version = text(record.path("eventVersion"));
            if (eventName == null || eventName.isBlank() || version == null) {
                throw new PayloadRefusedException(
                        "Unparseable S3 event notification: a record without eventName or eventVersion");
            }
            if (!version.startsWith("2.") && !version.equals("2")) {
                throw new PayloadRefusedException("Unsupported S3 event version " + version
                        + " (major version 2 is supported)");
            }
            String key = decodeKey(rawKey);
            if (!isNewObject(eventName)) {
                LOG.info("Ignored S3 event {} of s3://{}/{}", eventName, bucket, key);
                continue;
            }
            admission.admit(bucket, key);
            references.add(reference(bucket, key, object, record.path("eventTime"),
                    new Fields("eventTime", "eTag", "versionId")));
        }
        return references;
    }

    /** EventBridge's own S3 events: keys are not form-encoded there. */
    static List<PayloadReference> eventBridge(JsonNode json, Admission admission) {
        JsonNode detail = json.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (!"Object Created".equals(json.path("detail-type").asText())) {
            LOG.info("Ignored EventBridge event {} of s3://{}/{}", json.path("detail-type").asText(), bucket, key);
            return List.of();
        }
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new PayloadRefusedException("Unparseable EventBridge Object Created event: "
                    + "detail.bucket.name and detail.object.key are required");
        }
        admission.admit(bucket, key);
        return List.of(reference(bucket, key, detail.path("object"), json.path("time"),
                new Fields("time", "etag", "version-id")));
    }

    /** Names of the fields that differ between the two event shapes. */
    private record Fields(String time, String eTag, String versionId) {
    }

    /** ObjectCreated:*, with or without the configuration's {@code s3:} prefix, unless it only changed metadata. */
    private static boolean isNewObject(String eventName) {
        String name = eventName.startsWith(CONFIGURATION_PREFIX) ? eventName.substring(CONFIGURATION_PREFIX.length())
                : eventName;
        return name.startsWith(CREATED) && !METADATA_CHANGES.contains(name.substring(CREATED.length()));
    }

    private static ObjectReference reference(String bucket, String key, JsonNode object, JsonNode time, Fields fields) {
        List<String> issues = new ArrayList<>();
        Instant eventTime = instant(time, fields.time(), issues);
        String versionId = versionId(object.path(fields.versionId()));
        JsonNode size = object.path("size");
        if (present(size) && !(size.canConvertToExactIntegral() && size.asLong(-1) >= 0 || size.isTextual()
                && MessageParser.BYTE_COUNT.matcher(size.textValue()).matches())) {
            issues.add("size " + abbreviated(size) + " is no byte count");
        }
        String eTag = readable(object.path(fields.eTag()), fields.eTag(), issues);
        String sequencer = readable(object.path("sequencer"), "sequencer", issues);
        if (sequencer != null && !HEX.matcher(sequencer).matches()) {
            issues.add("sequencer " + abbreviated(object.path("sequencer")) + " is no hexadecimal value");
        }
        // without a sequencer (moto) only the time tells an overwrite from a duplicate of the same event
        String order = sequencer != null ? sequencer : time.isTextual() ? time.textValue() : null;
        return new ObjectReference(PayloadSource.S3_EVENT, bucket, key, versionId, null, null, eventTime,
                eventKey(bucket, key, versionId, order, eTag), issues.isEmpty() ? null : String.join("; ", issues));
    }

    /**
     * The version to read; Ceph RGW writes an empty one for unversioned buckets. Needed to read the right bytes:
     * refused when no string.
     */
    private static String versionId(JsonNode node) {
        if (!present(node) || node.isTextual() && node.textValue().isEmpty()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PayloadRefusedException(
                    "Unparseable S3 event notification: versionId " + abbreviated(node) + " is no string");
        }
        return node.textValue();
    }

    /** A field's text; null when absent, and also, reported, when it is no string. */
    private static String readable(JsonNode node, String name, List<String> issues) {
        if (present(node) && !node.isTextual()) {
            issues.add(name + " " + abbreviated(node) + " is no string");
        }
        return text(node);
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    /** A field's text; null when it is missing, JSON null, or no string (what S3 never sends). */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static String abbreviated(JsonNode node) {
        return MessageParser.abbreviate(node.toString());
    }

    /**
     * S3 event keys are form-encoded: '+' is a space, "%2B" a '+', "%2F" a '/' (moto, MinIO), "%20" a space
     * (LocalStack).
     */
    private static String decodeKey(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PayloadRefusedException("Unparseable S3 event: malformed object key " + key, e);
        }
    }

    /**
     * An instant with or without zone or fraction (zone-less is UTC, as moto and several S3-compatible stores write);
     * null when absent or unreadable (reported).
     */
    private static Instant instant(JsonNode node, String name, List<String> issues) {
        if (!present(node)) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(node.textValue()).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    // reported below
                }
            }
        }
        issues.add(name + " " + abbreviated(node) + " is no ISO-8601 time");
        return null;
    }

    /** Hashed: keys may hold any character, line-based repositories (the file one) need one line per key. */
    private static String eventKey(String bucket, String key, String versionId, String order, String eTag) {
        // the ETag too: LocalStack writes one constant sequencer for every event, so an overwrite differs only by it
        String identity = String.join("\n", bucket, key, String.valueOf(versionId), String.valueOf(order),
                String.valueOf(eTag));
        return "s3-event:" + HexFormat.of().formatHex(Sha256.of(identity));
    }
}
