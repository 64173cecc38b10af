package io.sqsextended.chain.local.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.sqsextended.chain.wire.Sha256;
import jakarta.servlet.http.HttpServletRequest;

/**
 * An AWS Signature Version 4 {@code Authorization} header and the signatures derived from it: of the request (the
 * canonical form S3Proxy also computes), of each chunk and of the trailer of an {@code aws-chunked} body.
 */
final class SigV4 {

    static final String EMPTY_SHA256 = hex(sha256(new byte[0]));
    private static final Pattern HEADER = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, ?SignedHeaders=([^,]+), "
                    + "?Signature=(\\p{XDigit}{64})");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final String accessKey;
    private final String scope;
    private final String amzDate;
    private final List<String> signedHeaders;
    private final String signature;
    private final byte[] signingKey;

    private SigV4(Matcher header, String amzDate, String secretKey) {
        this.accessKey = header.group(1);
        this.scope = header.group(2) + "/" + header.group(3) + "/s3/aws4_request";
        this.amzDate = amzDate;
        this.signedHeaders = List.of(header.group(4).split(";"));
        this.signature = header.group(5);
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), header.group(2));
        key = hmac(key, header.group(3));
        key = hmac(key, "s3");
        this.signingKey = hmac(key, "aws4_request");
    }

    /** The request's SigV4 header signature, to be checked with {@code secretKey}; empty when it has none. */
    static Optional<SigV4> of(HttpServletRequest request, String secretKey) {
        String authorization = request.getHeader("Authorization");
        String amzDate = request.getHeader("x-amz-date");
        Matcher header = authorization == null ? null : HEADER.matcher(authorization);
        return header != null && amzDate != null && header.matches()
                ? Optional.of(new SigV4(header, amzDate, secretKey)) : Optional.empty();
    }

    String accessKey() {
        return accessKey;
    }

    /** The signature the headers carry; the first "previous signature" of an aws-chunked body. */
    String signature() {
        return signature;
    }

    /** Whether the request as it stands is signed by this signature, its payload declared as {@code payloadHash}. */
    boolean signs(HttpServletRequest request, String payloadHash) {
        return MessageDigest.isEqual(sign(request, signedHeaders, payloadHash).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code Authorization} header of the request as it stands, signing only its host and x-amz- headers. */
    String authorization(HttpServletRequest request, String payloadHash) {
        List<String> headers = List.of("host", "x-amz-content-sha256", "x-amz-date");
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + String.join(";", headers)
                + ", Signature=" + sign(request, headers, payloadHash);
    }

    /** The signature of one chunk of a signed aws-chunked body. */
    String chunk(String previous, byte[] chunkSha256) {
        return hex(hmac(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + EMPTY_SHA256 + "\n" + hex(chunkSha256)));
    }

    /** The signature of the trailing headers ({@code name:value\n} each) of a signed aws-chunked body. */
    String trailer(String previous, String trailingHeaders) {
        return hex(hmac(signingKey, "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + hex(sha256(trailingHeaders.getBytes(StandardCharsets.UTF_8)))));
    }

    private String sign(HttpServletRequest request, List<String> headers, String payloadHash) {
        StringBuilder canonical = new StringBuilder(request.getMethod()).append('\n')
                .append(request.getRequestURI()).append('\n')
                .append(canonicalQuery(request)).append('\n');
        headers.stream().map(String::toLowerCase).sorted().forEach(name -> canonical.append(name).append(':')
                .append(String.join(",", Collections.list(request.getHeaders(name)).stream()
                        .map(value -> SPACES.matcher(value.trim()).replaceAll(" ")).toList())).append('\n'));
        canonical.append('\n').append(String.join(";", headers)).append('\n').append(payloadHash);
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        return hex(hmac(signingKey, toSign));
    }

    private static String canonicalQuery(HttpServletRequest request) {
        List<String> pairs = new ArrayList<>();
        Collections.list(request.getParameterNames()).stream().sorted().forEach(name -> {
            for (String value : request.getParameterValues(name)) {
                pairs.add(encode(name) + "=" + encode(value));
            }
        });
        return String.join("&", pairs);
    }

    /** RFC 3986 percent-encoding, as SigV4 wants it: all but unreserved characters, in upper-case hex. */
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    static byte[] sha256(byte[] data) {
        return Sha256.of(data);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
