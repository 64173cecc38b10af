package io.sqsextended.chain.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /** The body as it is sent, hashed on the way; {@link Digesting#attribute()} once it has been read. */
    public static Digesting digesting(InputStream in) {
        return new Digesting(in);
    }

    public static String base64(MessageDigest digest) {
        return Base64.getEncoder().encodeToString(digest.digest());
    }


    /** Whether a value is the canonical base64 of 32 bytes, as S3 takes a ChecksumSHA256 (padded, 44 characters). */
    public static boolean isWellFormed(String value) {
        return Base64Values.isCanonical(value, 32);
    }

    /**
     * Hashes what passes; a reset (the SDK's retry of a markable body) rewinds the digest with the bytes, which
     * {@link java.security.DigestInputStream} does not: it would hash the bytes read again twice.
     */
    public static final class Digesting extends FilterInputStream {

        private MessageDigest digest = Sha256.digest();
        private MessageDigest atMark;

        private Digesting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public synchronized void mark(int readLimit) {
            in.mark(readLimit);
            atMark = copy(digest);
        }

        @Override
        public synchronized void reset() throws IOException {
            if (atMark == null) {
                throw new IOException("Reset without a mark");
            }
            in.reset();
            digest = copy(atMark);
        }

        public MessageAttributeValue attribute() {
            return MessageAttributeValue.builder().dataType("String").stringValue(base64(copy(digest))).build();
        }

        private static MessageDigest copy(MessageDigest digest) {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("The platform's SHA-256 can be copied", e);
            }
        }
    }
}
