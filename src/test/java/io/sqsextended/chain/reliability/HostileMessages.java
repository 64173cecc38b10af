package io.sqsextended.chain.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Generated hostile SQS messages for the notification queue, each with the outcome it must have: delivered to the
 * downstream (inline payloads are legitimate), dead-lettered with a reason, or either, never both, never neither.
 * Deterministic (fixed seed), so that a failure can be replayed.
 */
final class HostileMessages {

    enum Expect { DELIVERED, DEAD_LETTERED, EITHER }

    record Hostile(String category, String body, Map<String, MessageAttributeValue> attributes, Expect expect) {

        int size() {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
                size += a.getKey().length() + a.getValue().dataType().length()
                        + (a.getValue().stringValue() != null ? a.getValue().stringValue()
                                .getBytes(StandardCharsets.UTF_8).length
                        : a.getValue().binaryValue().asByteArray().length);
            }
            return size;
        }
    }

    static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    static final String LEGACY_POINTER_CLASS = "com.amazon.sqs.javamessaging.MessageS3Pointer";
    /** SQS's limit (256 KiB) minus room for the reasons the app adds on the dead-letter queue. */
    static final int MAX_MESSAGE = 250 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bucket;
    private final Random random = new Random(8);
    private final List<Hostile> all = new ArrayList<>();
    private int sequencer;

    private HostileMessages(String bucket) {
        this.bucket = bucket;
    }

    static List<Hostile> generate(String bucket) {
        HostileMessages messages = new HostileMessages(bucket);
        messages.brokenJson();
        messages.hugeJson();
        messages.deepNesting();
        messages.wrongTypes();
        messages.unknownVersions();
        messages.controlCharacterKeys();
        messages.foreignBuckets();
        messages.pathTricks();
        messages.oversizedAttributes();
        messages.snsEnvelopes();
        messages.oddInline();
        return List.copyOf(messages.all);
    }

    private void add(String category, String body, Expect expect) {
        add(category, body, Map.of(), expect);
    }

    private void add(String category, String body, Map<String, MessageAttributeValue> attributes, Expect expect) {
        all.add(new Hostile(category, body, attributes, expect));
    }

    /** Invalid JSON is an inline payload; what happens to be valid JSON may be either. */
    private Expect inlineUnlessJson(String body) {
        try {
            JSON.readTree(body);
            return Expect.EITHER;
        } catch (Exception e) {
            return Expect.DELIVERED;
        }
    }

    private void brokenJson() {
        List<String> valid = List.of(event(bucket, "input/missing.txt", "2.1"),
                pointer(POINTER_CLASS, bucket, "input/missing.txt"),
                sns(event(bucket, "input/missing.txt", "2.1")), eventBridge(bucket, "input/missing.txt"));
        for (int i = 0; i < 160; i++) {
            String source = valid.get(i % valid.size());
            String body = switch (i % 4) {
                case 0 -> source.substring(0, 1 + random.nextInt(source.length() - 1));           // truncated
                // characters replaced
                case 1 -> mutate(source, 1 + random.nextInt(5));
                case 2 -> source + "}".repeat(1 + random.nextInt(3));                              // trailing garbage
                default -> source.replace("\"", i % 8 == 3 ? "'" : "");                            // quotes gone
            };
            add("broken JSON", body, inlineUnlessJson(body));
        }
        for (String body : List.of("{", "[", "nul", "{\"Records\":[}", "{\"Records\"", "[\"" + POINTER_CLASS + "\",",
                "\"unterminated",
                "{\"a\":1,}", "{'Records':[]}", "{\"Records\":[{\"s3\":{}}]", "{\"Records\":[]}}}}", "[1,2,3",
                        "\\u0000", "{\"\\uD800\":1}")) {
            add("broken JSON", body, inlineUnlessJson(body));
        }
    }

    private void hugeJson() {
        for (int i = 0; i < 6; i++) {
            int size = 10_000 + i * 40_000;
            StringBuilder data = new StringBuilder("{\"data\":[");
            while (data.length() < size) {
                data.append("{\"n\":").append(random.nextInt()).append(",\"s\":\"").append("x".repeat(50))
                        .append("\"},");
            }
            data.append("0]}");
            add("huge JSON", data.toString(), Expect.DELIVERED);
        }
        // one notification naming hundreds of missing objects: refused at the first
        StringBuilder records = new StringBuilder("{\"Records\":[");
        for (int i = 0; records.length() < 200_000; i++) {
            records.append(i == 0 ? "" : ",").append(record(bucket, "input/huge/" + i + ".txt", "2.1"));
        }
        add("huge JSON", records.append("]}").toString(), Expect.DEAD_LETTERED);
        add("huge JSON", event(bucket, "input/" + "k".repeat(200_000), "2.1"), Expect.DEAD_LETTERED);
        add("huge JSON", pointer(POINTER_CLASS, bucket, "input/" + "k".repeat(200_000)), Expect.DEAD_LETTERED);
        add("huge JSON", "{\"Records\":[" + record(bucket, "input/missing.txt", "2.1") + "],\"pad\":\""
                + "p".repeat(200_000) + "\"}",
                Expect.DEAD_LETTERED);
        add("huge JSON", "{\"n\":" + "9".repeat(100_000) + "}", Expect.EITHER);
        add("huge JSON", "{\"" + "k".repeat(100_000) + "\":1}", Expect.EITHER);
        add("huge JSON", "[" + "1,".repeat(100_000) + "1]", Expect.EITHER);
    }

    private void deepNesting() {
        for (int depth : new int[] {10, 100, 499, 500, 501, 999, 1000, 1001, 2000, 10_000, 50_000, 120_000}) {
            add("deep nesting", "[".repeat(depth) + "]".repeat(depth), Expect.EITHER);
            add("deep nesting", "{\"a\":".repeat(depth / 5) + "1" + "}".repeat(depth / 5), Expect.EITHER);
            add("deep nesting", "[".repeat(depth), Expect.EITHER);
            add("deep nesting", "{\"Records\":" + "[".repeat(depth) + "]".repeat(depth) + "}", Expect.EITHER);
            add("deep nesting", "{\"Records\":[{\"s3\":" + "{\"x\":".repeat(depth / 6) + "1" + "}".repeat(depth / 6)
                    + "}]}", Expect.EITHER);
            add("deep nesting", "[\"" + POINTER_CLASS + "\"," + "{\"s3BucketName\":".repeat(depth / 18) + "1"
                    + "}".repeat(depth / 18) + "]",
                    Expect.EITHER);
            add("deep nesting", "{\"Type\":\"Notification\",\"Message\":\"" + "[".repeat(depth) + "\"}", Expect.EITHER);
        }
    }

    private void wrongTypes() {
        List<String> values = List.of("1", "-1", "1.5e300", "true", "null", "[]", "{}", "\"\"", "[1,2]", "{\"a\":[]}");
        String record = record(bucket, "input/missing.txt", "2.1");
        List<String> fields = List.of("eventVersion", "eventName", "s3", "bucket", "object", "name", "key",
                "sequencer", "eventTime",
                "versionId");
        for (String value : values) {
            add("wrong types", "{\"Records\":" + value + "}", Expect.EITHER);
            add("wrong types", "[\"" + POINTER_CLASS + "\"," + value + "]", Expect.EITHER);
            add("wrong types", "[" + value + ",{\"s3BucketName\":\"" + bucket + "\",\"s3Key\":\"input/missing.txt\"}]",
                    Expect.EITHER);
            for (String field : fields) {
                add("wrong types", "{\"Records\":["
                        + record.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\{)", "\"" + field + "\":" + value
                        + (record.contains("\"" + field + "\":{") ? ",\"was\":{" : "")) + "]}", Expect.EITHER);
            }
            add("wrong types", "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":" + value + "}",
                    Expect.EITHER);
        }
    }

    private void unknownVersions() {
        for (String version : List.of("1.0", "3.0", "0", "", "abc", "1", "22.0", "2", "2.x", "20.1", " 2.1",
                "2.1\\u0000", "ⅱ.1",
                "1.0.0", "-2.1", "3", "NaN", "2.2", "2.3", "99.99")) {
            add("unknown event version", event(bucket, "input/missing-" + version.hashCode() + ".txt", version),
                    Expect.DEAD_LETTERED);
            add("unknown event version", event(bucket, "input/missing-" + version.hashCode() + ".txt", version)
                    .replace("\"eventVersion\":\"" + version + "\"", "\"eventVersion\":null"), Expect.DEAD_LETTERED);
        }
        for (String version : List.of("1", "3", "2.1", "-1", "1e3")) {
            add("unknown event version", event(bucket, "input/missing.txt", "2.1")
                    .replace("\"eventVersion\":\"2.1\"", "\"eventVersion\":" + version),
                    Expect.DEAD_LETTERED);
        }
    }

    private void controlCharacterKeys() {
        for (int c = 0; c < 0x20; c++) {
            String encoded = String.format("%%%02X", c);
            add("control characters in keys", event(bucket, "input/a" + encoded + "b.txt", "2.1"),
                    Expect.DEAD_LETTERED);
            add("control characters in keys",
                    pointer(POINTER_CLASS, bucket, "input/a" + jsonEscape((char) c) + "b.txt"), Expect.DEAD_LETTERED);
        }
        for (String key : List.of("input/%7F", "input/%E2%80%A8", "input/%E2%80%A9", "input/%EF%BB%BF", "input/%zz",
                "input/%", "input/%E2%28",
                "input/%C0%AF", "input/%ED%A0%80", "input/%F4%90%80%80", "%00", "input/%25%30%30", "input/\\u0000",
                        "input/%0D%0AX-Injected:%201",
                "input/%1B%5B31mred", "input/%08%08%08%08admin")) {
            add("control characters in keys", event(bucket, key, "2.1"), Expect.DEAD_LETTERED);
        }
        for (String key : List.of("input/\\u2028", "input/\\u0085", "input/\\r\\nX-Injected: 1",
                "input/\\u001b[31mred", "input/\\uFEFF")) {
            add("control characters in keys", pointer(LEGACY_POINTER_CLASS, bucket, key), Expect.DEAD_LETTERED);
        }
    }

    private void foreignBuckets() {
        List<String> foreign = List.of("evil-bucket", bucket + "-evil", bucket.toUpperCase(), " " + bucket, bucket
                + " ", bucket + "/..",
                "arn:aws:s3:::" + bucket, bucket.replace('a', 'а'), "*", bucket + "\\u0000", "../" + bucket,
                        bucket.substring(1), "s3://" + bucket,
                "sqs-extended-chain-payloads-111111111111", "", "null", bucket + ",evil", "%2E%2E");
        for (String other : foreign) {
            Expect expect = Expect.DEAD_LETTERED;
            add("foreign bucket", event(other, "input/x.txt", "2.1"), expect);
            add("foreign bucket", pointer(POINTER_CLASS, other, "input/x.txt"), expect);
            add("foreign bucket", pointer(LEGACY_POINTER_CLASS, other, "input/x.txt"), expect);
            add("foreign bucket", eventBridge(other, "input/x.txt"), expect);
            add("foreign bucket", sns(event(other, "input/x.txt", "2.1")), expect);
            add("foreign bucket", sns(pointer(POINTER_CLASS, other, "input/x.txt")), expect);
            add("foreign bucket", "{\"Records\":[" + record(bucket, "input/missing-first.txt", "2.1") + ","
                    + record(other, "input/x.txt", "2.1")
                    + "]}", expect);
            add("foreign bucket", "{\"Records\":[" + record(other, "input/x.txt", "2.1") + ","
                    + record(bucket, "input/missing.txt", "2.1")
                    + "]}", expect);
        }
    }

    private void pathTricks() {
        List<String> keys = List.of("../planted-secret.txt", "../../planted-secret.txt",
                "input/../../planted-secret.txt",
                "input/../../../planted-secret.txt", "/../planted-secret.txt", "./../planted-secret.txt",
                        "..\\planted-secret.txt",
                "input/..\\..\\planted-secret.txt", "..%2Fplanted-secret.txt", "%2E%2E/planted-secret.txt",
                        "input/%2e%2e/%2e%2e/planted-secret.txt",
                "/etc/passwd", "../../../../../../etc/passwd", "input/./real.txt", "input//real.txt",
                        "./input/real.txt", "input/real.txt/",
                "input/real.txt/..", "input/../input/real.txt", "INPUT/real.txt", "input/real.txt?versionId=1",
                        "input/real.txt#x",
                "input/real.txt%00.png", "..", ".", "/", "//", "input/", "~/planted-secret.txt",
                        "input/..;/planted-secret.txt",
                "input/%252e%252e/planted-secret.txt", "input/real.txt;.png", "..%c0%afplanted-secret.txt",
                        "..%5cplanted-secret.txt",
                "file:///etc/passwd");
        for (String key : keys) {
            String jsonKey = key.replace("\\", "\\\\");
            add("path tricks", event(bucket, encodeForEvent(key), "2.1"), Expect.EITHER);
            add("path tricks", event(bucket, key, "2.1"), Expect.EITHER);
            add("path tricks", pointer(POINTER_CLASS, bucket, jsonKey), Expect.EITHER);
            add("path tricks", pointer(LEGACY_POINTER_CLASS, bucket, jsonKey), Expect.EITHER);
            add("path tricks", eventBridge(bucket, jsonKey), Expect.EITHER);
        }
    }

    private void oversizedAttributes() {
        String text = "inline with attributes";
        for (int size : new int[] {1, 1024, 10_000, 64_000, 100_000, 200_000, 240_000}) {
            add("oversized attributes", text + " " + size, Map.of("Pad", string("p".repeat(size))), Expect.DELIVERED);
            add("oversized attributes", text + " binary " + size,
                    Map.of("Pad", MessageAttributeValue.builder().dataType("Binary")
                    .binaryValue(SdkBytes.fromByteArray(new byte[size])).build()), Expect.DELIVERED);
            add("oversized attributes", text + " number " + size,
                    Map.of("Pad", MessageAttributeValue.builder().dataType("Number.custom")
                    .stringValue("1" + "0".repeat(Math.min(size, 30))).build()), Expect.DELIVERED);
        }
        Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            ten.put("Attr" + i, string("a".repeat(24_000)));
        }
        add("oversized attributes", "ten large attributes", ten, Expect.DELIVERED);
        // a size attribute on a body that is no pointer is refused: with a large body and large attributes, the
        // dead letter (body, reasons, attributes) must still fit SQS's limit
        for (int size : new int[] {10, 1000, 100_000, 200_000}) {
            for (String name : List.of("ExtendedPayloadSize", "SQSLargePayloadSize")) {
                add("oversized attributes", "b".repeat(Math.max(1, 240_000 - size)),
                        Map.of(name, MessageAttributeValue.builder().dataType("Number")
                        .stringValue("12").build(), "Pad", string("p".repeat(size))), Expect.DEAD_LETTERED);
                add("oversized attributes", "not a pointer", Map.of(name, string("x".repeat(size))),
                        Expect.DEAD_LETTERED);
                add("oversized attributes", pointer(POINTER_CLASS, bucket, "input/missing.txt"),
                        Map.of(name, string("9".repeat(Math.min(size, 1000)))), Expect.DEAD_LETTERED);
            }
        }
        Map<String, MessageAttributeValue> nine = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("Original" + i, string("o".repeat(20_000)));
        }
        nine.put("ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number").stringValue("5").build());
        add("oversized attributes", "refused, nine large attributes of its own", nine, Expect.DEAD_LETTERED);
        // refused messages at SQS's size limit: the reasons the app adds must not make the dead letter unsendable
        add("oversized attributes", "r".repeat(262_144 - 40),
                Map.of("ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number")
                .stringValue("12").build()), Expect.DEAD_LETTERED);
        add("oversized attributes", "refused at the limit",
                Map.of("ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number")
                .stringValue("12").build(), "Pad", string("p".repeat(262_144 - 100))), Expect.DEAD_LETTERED);
    }

    private void snsEnvelopes() {
        List<String> inner = List.of("plain text from SNS", "{broken", event(bucket, "input/missing.txt", "2.1"),
                event("evil", "x", "2.1"),
                pointer(POINTER_CLASS, "evil", "x"), "[".repeat(5000), "");
        for (String message : inner) {
            add("SNS envelopes", sns(message), Expect.EITHER);
            add("SNS envelopes", sns(sns(sns(message))), Expect.EITHER);
            add("SNS envelopes", snsWithAttributes(message,
                    "{\"ExtendedPayloadSize\":{\"Type\":\"Number\",\"Value\":\"12\"}}"), Expect.EITHER);
            add("SNS envelopes", snsWithAttributes(message, "{\"a\":1,\"b\":[],\"c\":{\"Type\":{}}}"), Expect.EITHER);
            add("SNS envelopes", snsWithAttributes(message, "\"attributes\""), Expect.EITHER);
        }
        String nested = "innermost";
        for (int i = 0; i < 40; i++) {
            nested = sns(nested);
            if (nested.length() > 200_000) {
                break;
            }
            if (i % 4 == 3) {
                add("SNS envelopes", nested, Expect.EITHER);
            }
        }
        add("SNS envelopes", "{\"Type\":\"Notification\",\"Message\":42}", Expect.EITHER);
        add("SNS envelopes", "{\"Type\":\"Notification\"}", Expect.EITHER);
        add("SNS envelopes", "{\"Type\":\"Notification\",\"Message\":null}", Expect.EITHER);
    }

    private void oddInline() {
        for (String body : List.of(" ", "\t", "\n", "null", "true", "0", "-0", "1e999999", "\"a string\"", "[]", "{}",
                "<xml/>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                        "€ ünïcödé 𝄞 😀",
                "${env:HOME}", "${sys:user.home}", "{{chain.local.secret-key}}", "$simple{sys.user.home}",
                        "#{T(java.lang.Runtime)}",
                "${jndi:ldap://127.0.0.1:1/x}", "%n%n%s%s%s", "\\", "'; DROP TABLE x; --",
                        "{\"Event\":\"s3:TestEvent-not\"}",
                "{\"source\":\"aws.s3\"}", "{\"Records\":null,\"x\":1}")) {
            add("odd inline bodies", body, inlineUnlessJson(body) == Expect.DELIVERED ? Expect.DELIVERED
                    : Expect.EITHER);
        }
        for (int i = 0; i < 60; i++) {
            StringBuilder body = new StringBuilder();
            int length = 1 + random.nextInt(400);
            while (body.length() < length) {
                int c = random.nextInt(0x3000);
                if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && (c < 0xD800 || c > 0xDFFF))) {
                    body.appendCodePoint(c);
                }
            }
            if (!body.toString().isBlank() || i % 2 == 0) {
                add("odd inline bodies", body.toString(), inlineUnlessJson(body.toString()));
            }
        }
    }

    // ----- builders

    String event(String bucketName, String key, String version) {
        return "{\"Records\":[" + record(bucketName, key, version) + "]}";
    }

    private String record(String bucketName, String key, String version) {
        return ("{\"eventVersion\":\"%s\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2025-01-01T00:00:00.000Z\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"c\","
                + "\"bucket\":{\"name\":\"%s\",\"arn\":\"arn:aws:s3:::%s\"},\"object\":{\"key\":\"%s\",\"size\":1,"
                        + "\"eTag\":\"e\","
                + "\"versionId\":\"v\",\"sequencer\":\"%016X\"}}}")
                        .formatted(version, bucketName, bucketName, key, sequencer++);
    }

    static String pointer(String pointerClass, String bucketName, String key) {
        return "[\"" + pointerClass + "\",{\"s3BucketName\":\"" + bucketName + "\",\"s3Key\":\"" + key + "\"}]";
    }

    static String eventBridge(String bucketName, String key) {
        return "{\"version\":\"0\",\"source\":\"aws.s3\",\"detail-type\":\"Object Created\","
                + "\"time\":\"2025-01-01T00:00:00Z\","
                + "\"detail\":{\"bucket\":{\"name\":\"" + bucketName + "\"},\"object\":{\"key\":\"" + key
                        + "\",\"sequencer\":\"1\"}}}";
    }

    static String sns(String message) {
        return snsWithAttributes(message, "{}");
    }

    static String snsWithAttributes(String message, String attributes) {
        try {
            return "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\":" + JSON.writeValueAsString(message)
                    + ",\"MessageAttributes\":" + attributes + "}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String mutate(String source, int changes) {
        char[] chars = source.toCharArray();
        String replacements = "{}[]\",:\\ 0aZ";
        for (int i = 0; i < changes; i++) {
            chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
        }
        return new String(chars);
    }

    private static String jsonEscape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    /** As S3 writes keys into events: form-encoded. */
    private static String encodeForEvent(String key) {
        return java.net.URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
