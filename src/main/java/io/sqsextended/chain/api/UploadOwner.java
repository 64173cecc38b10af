package io.sqsextended.chain.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;

/**
 * Who asked for an upload, as its key tells: the random id segment of a server-made key ends with a tag, an
 * HMAC-SHA256 of the key keyed by the SHA-256 of the caller's bearer token. The token that started a multipart upload
 * is thus recognized at completion or abort on any instance, after any restart, with nothing stored; the SHA-256 is
 * what a {@code sha256:} entry configures, so plain and hashed entries own alike.
 */
public final class UploadOwner {

    /** Exchange property holding the request's owner, set with its roles. */
    static final String PROPERTY = "presignUploadOwner";
    /** Without authentication every request is the same (anonymous) owner. */
    static final UploadOwner ANONYMOUS = of(TokenAuthenticator.sha256(""));

    private static final int TAG_BYTES = 16;

    private final byte[] key;

    private UploadOwner(byte[] tokenDigest) {
        this.key = tokenDigest.clone();
    }

    /** @param tokenDigest the SHA-256 of the bearer token */
    public static UploadOwner of(byte[] tokenDigest) {
        return new UploadOwner(tokenDigest);
    }

    public static UploadOwner of(Exchange exchange) {
        UploadOwner owner = exchange.getProperty(PROPERTY, UploadOwner.class);
        if (owner == null) {
            throw new IllegalStateException("The request was not authenticated");
        }
        return owner;
    }

    /** The tag of {@code text}, 32 hex digits. */
    public String tag(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(
                    Arrays.copyOf(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), TAG_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }

    /** Whether {@code tag} is this owner's tag of {@code text}, compared in constant time. */
    public boolean tagged(String text, String tag) {
        return MessageDigest.isEqual(tag(text).getBytes(StandardCharsets.US_ASCII),
                tag.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        // the key is derived from a token: never in a log or a trace
        return "UploadOwner[redacted]";
    }
}
