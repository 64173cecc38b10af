package io.sqsextended.chain.local.s3;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BiConsumer;

import io.sqsextended.chain.local.s3.store.RejectedUpload;
import io.sqsextended.chain.wire.Sha256;

/**
 * The payload of an {@code aws-chunked} body ({@code <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n} ... a last
 * empty chunk, then optional trailing headers), read as it streams in. With a signer, every chunk signature and
 * the trailer signature are checked (S3Proxy checks none); the trailing headers go to {@code trailers} before the
 * end of the payload is reported.
 */
final class AwsChunkedInputStream extends InputStream {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final SigV4 signer;
    private final BiConsumer<String, String> trailers;
    private final MessageDigest chunkDigest;
    private String previousSignature;
    private String chunkSignature;
    private long remaining;
    private boolean ended;

    /** {@code signer} null: an unsigned body ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}). */
    AwsChunkedInputStream(InputStream in, SigV4 signer, BiConsumer<String, String> trailers) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.signer = signer;
        this.trailers = trailers;
        this.previousSignature = signer == null ? null : signer.signature();
        this.chunkDigest = Sha256.digest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (remaining == 0 && !ended) {
            nextChunk();
        }
        if (ended) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("The aws-chunked body ended inside a chunk");
        }
        chunkDigest.update(b, off, n);
        remaining -= n;
        if (remaining == 0) {
            endChunk();
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String line = readLine();
        String[] header = line.split(";", 2);
        long size;
        try {
            size = Long.parseLong(header[0].trim(), 16);
        } catch (NumberFormatException e) {
            throw new RejectedUpload.BadDigest("Malformed aws-chunked chunk header");
        }
        chunkSignature = header.length == 2 && header[1].startsWith("chunk-signature=")
                ? header[1].substring("chunk-signature=".length()) : null;
        if (signer != null && chunkSignature == null) {
            throw new RejectedUpload.BadSignature("A chunk of a signed aws-chunked body carries no signature");
        }
        if (size > 0) {
            remaining = size;
            return;
        }
        verifyChunk();
        readTrailer();
        ended = true;
    }

    private void endChunk() throws IOException {
        if (!readLine().isEmpty()) {
            throw new RejectedUpload.BadDigest("A chunk of the aws-chunked body is longer than its declared size");
        }
        verifyChunk();
    }

    private void verifyChunk() {
        byte[] hash = chunkDigest.digest();
        if (signer == null) {
            return;
        }
        if (!MessageDigest.isEqual(signer.chunk(previousSignature, hash).getBytes(StandardCharsets.US_ASCII),
                chunkSignature.getBytes(StandardCharsets.US_ASCII))) {
            throw new RejectedUpload.BadSignature("A chunk signature of the aws-chunked body does not match");
        }
        previousSignature = chunkSignature;
    }

    /** Trailing headers up to the empty line (or the end of the stream); the last, when signed, is the signature. */
    private void readTrailer() throws IOException {
        StringBuilder signed = new StringBuilder();
        String trailerSignature = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new RejectedUpload.BadDigest("Malformed trailing header in the aws-chunked body");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                signed.append(name).append(':').append(value).append('\n');
                trailers.accept(name, value);
            }
        }
        if (signer != null && !signed.isEmpty() && (trailerSignature == null
                || !signer.trailer(previousSignature, signed.toString()).equals(trailerSignature))) {
            throw new RejectedUpload.BadSignature("The trailer signature of the aws-chunked body does not match");
        }
    }

    /** A CRLF-terminated line; empty at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new RejectedUpload.BadDigest("Malformed aws-chunked body: a line is too long");
            }
            line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
