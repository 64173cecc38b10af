package io.sqsextended.chain.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The message body the AWS SQS Extended Client libraries write in place of an offloaded payload:
 * {@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"k"}]}.
 */
public record PayloadPointer(String bucket, String key) {

    public static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    /** Written by versions before 1.1 of the Java library; still read. */
    public static final String LEGACY_POINTER_CLASS = "com.amazon.sqs.javamessaging.MessageS3Pointer";
    /** Number attribute with the payload's size in bytes (Python default; Java with the legacy name disabled). */
    public static final String SIZE_ATTRIBUTE = "ExtendedPayloadSize";
    /** The same, under the name the Java library writes by default. */
    public static final String LEGACY_SIZE_ATTRIBUTE = "SQSLargePayloadSize";

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        Map<String, String> location = new LinkedHashMap<>();
        location.put("s3BucketName", bucket);
        location.put("s3Key", key);
        try {
            return JSON.writeValueAsString(List.of(POINTER_CLASS, location));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
