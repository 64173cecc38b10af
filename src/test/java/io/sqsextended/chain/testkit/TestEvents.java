package io.sqsextended.chain.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.TextNode;

/** Message bodies as S3, SNS and EventBridge write them, for tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** One S3 event record; {@code key} as stored, form-encoded here as S3 does. */
    public static String record(String eventVersion, String eventName, String bucket, String key, String sequencer) {
        return """
                {"eventVersion":"%s","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-01-01T00:00:00.000Z",
                 "eventName":"%s","userIdentity":{"principalId":"AIDA"},
                  "requestParameters":{"sourceIPAddress":"127.0.0.1"},
                 "responseElements":{"x-amz-request-id":"C3D1","x-amz-id-2":"x"},"newField":{"ignored":true},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"input-created",
                  "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL"},"arn":"arn:aws:s3:::%s"},
                  "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"%s"}}}
                """
                        .formatted(eventVersion, eventName, bucket, bucket,
                        URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), sequencer);
    }

    public static String s3Event(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    public static String objectCreated(String bucket, String key, String sequencer) {
        return s3Event(record("2.1", "ObjectCreated:Put", bucket, key, sequencer));
    }

    public static String testEvent(String bucket) {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-01-01T00:00:00Z\",\"Bucket\":\""
                + bucket
                + "\",\"RequestId\":\"R\",\"HostId\":\"H\"}";
    }

    /** SNS to SQS without raw message delivery. */
    public static String snsEnvelope(String message) {
        return snsEnvelope(message, "{}");
    }

    /** The same with SNS message attributes, e.g. {@code {"ExtendedPayloadSize":{"Type":"Number","Value":"5"}}}. */
    public static String snsEnvelope(String message, String messageAttributes) {
        return """
                {"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:us-east-1:000000000000:t",
                 "Subject":"Amazon S3 Notification",
                 "Message":%s,"Timestamp":"2026-01-01T00:00:01.000Z","SignatureVersion":"1","MessageAttributes":%s}
                """.formatted(TextNode.valueOf(message), messageAttributes);
    }

    /** An EventBridge "Object Created" event; keys are not form-encoded there. */
    public static String eventBridgeObjectCreated(String bucket, String key, String sequencer) {
        return """
                {"version":"0","id":"e","detail-type":"Object Created","source":"aws.s3","account":"000000000000",
                 "time":"2026-01-02T00:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::%s"],
                 "detail":{"version":"0","bucket":{"name":"%s"},"object":{"key":%s,"size":5,
                 "etag":"e","sequencer":"%s"},"request-id":"r","requester":"000000000000","reason":"PutObject"}}
                """.formatted(bucket, bucket, TextNode.valueOf(key), sequencer);
    }

    public static String pointer(String className, String bucket, String key) {
        return "[\"" + className + "\",{\"s3BucketName\":\"" + bucket + "\",\"s3Key\":" + TextNode.valueOf(key) + "}]";
    }

    /**
     * An EventBridge event as a rule's SQS target writes it, around {@code detail}
     * (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).
     */
    public static String eventBridgeEvent(String source, String detailType, String detail) {
        return """
                {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":%s,"source":%s,
                 "account":"111122223333",
                 "time":"2026-01-02T00:00:00Z","region":"us-east-1","resources":[],"detail":%s}
                """.formatted(TextNode.valueOf(detailType), TextNode.valueOf(source), detail);
    }

    /**
     * An SQS message as an EventBridge pipe with an SQS source forwards it (the record Lambda also gets:
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-sqs.html), with one Number attribute.
     */
    public static String sqsRecord(String body, String attribute, String number) {
        return """
                {"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d",
                 "receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...","body":%s,
                 "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",
                  "SenderId":"AIDAIENQZJOLO23YVJ4VO",
                 "ApproximateFirstReceiveTimestamp":"1545082649185"},
                 "messageAttributes":{%s:{"stringValue":%s,"stringListValues":[],"binaryListValues":[],
                  "dataType":"Number"}},
                 "md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
                 "eventSourceARN":"arn:aws:sqs:us-east-1:111122223333:extended","awsRegion":"us-east-1"}
                """.formatted(TextNode.valueOf(body), TextNode.valueOf(attribute), TextNode.valueOf(number));
    }
}
