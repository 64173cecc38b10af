package io.sqsextended.chain.wire;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Base64;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SHA-256 of an offloaded payload, in S3's base64 {@code ChecksumSHA256} form: the extended producer sends it as
 * the String message attribute {@link #ATTRIBUTE} with its pointer (the AWS libraries ignore it), the consumer fails
 * a payload whose object's bytes do not have it. It comes from whoever may send to the queue: a wrong value can only
 * fail a payload, never deliver other bytes.
 */
public final class PayloadSha256 {

    public static final String ATTRIBUTE = "ChainPayloadSha256";

    private PayloadSha256() {
    }

    public static DigestInputStream digesting(InputStream in, MessageDigest digest) {
        return new DigestInputStream(in, digest);
    }

    public static String base64(MessageDigest digest) {
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    public static MessageAttributeValue attribute(MessageDigest digest) {
        return MessageAttributeValue.builder().dataType("String").stringValue(base64(digest)).build();
    }

    /** Whether a value is the canonical base64 of 32 bytes, as S3 takes a ChecksumSHA256 (padded, 44 characters). */
    public static boolean isWellFormed(String value) {
        return Base64Values.isCanonical(value, 32);
    }
}
