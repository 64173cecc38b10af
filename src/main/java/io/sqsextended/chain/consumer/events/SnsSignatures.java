package io.sqsextended.chain.consumer.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Verifies the signature SNS puts on every notification it delivers to SQS (without raw delivery): the signing
 * certificate comes only from an SNS host over HTTPS, is cached per URL, and must verify the canonical string of
 * the notification's fields. What does not verify is refused; a certificate that cannot be fetched now is retried.
 */
public final class SnsSignatures {

    /** No verification: the queue policy is what decides who may send (the default, see the README). */
    public static final SnsSignatures OFF = new SnsSignatures(null);

    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final Function<URI, X509Certificate> certificates;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    /** @param certificates fetches the certificate at a URL already checked to be an SNS one */
    SnsSignatures(Function<URI, X509Certificate> certificates) {
        this.certificates = certificates;
    }

    /** Verification with certificates fetched from SNS over HTTPS. */
    public static SnsSignatures fromSns() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new SnsSignatures(url -> fetch(http, url));
    }

    /** Throws {@link PayloadRefusedException} unless the envelope is signed by SNS. */
    void verify(JsonNode envelope) {
        if (certificates == null) {
            return;
        }
        String algorithm = switch (envelope.path("SignatureVersion").asText()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new PayloadRefusedException("SNS envelope refused: unknown SignatureVersion "
                    + envelope.path("SignatureVersion").asText("(none)"));
        };
        URI certificateUrl = certificateUrl(envelope.path("SigningCertURL").asText(""));
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(envelope.path("Signature").asText(""));
        } catch (IllegalArgumentException e) {
            throw new PayloadRefusedException("SNS envelope refused: the Signature is not base64", e);
        }
        X509Certificate certificate = cache.computeIfAbsent(certificateUrl, certificates);
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate);
            verifier.update(canonical(envelope).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(signature)) {
                throw new PayloadRefusedException("SNS envelope refused: the signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new PayloadRefusedException(
                    "SNS envelope refused: the signature does not verify (" + e.getMessage() + ")", e);
        }
    }

    private static URI certificateUrl(String text) {
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new PayloadRefusedException("SNS envelope refused: SigningCertURL is not a URL", e);
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null || !SNS_HOST.matcher(url.getHost()).matches()
                || url.getPort() != -1 || url.getUserInfo() != null || url.getRawPath() == null || !url.getRawPath()
                        .endsWith(".pem")) {
            throw new PayloadRefusedException(
                    "SNS envelope refused: SigningCertURL is not an SNS certificate over HTTPS");
        }
        return url;
    }

    /** The string SNS signs for a Notification: the fields' names and values, a line each, in this order. */
    private static String canonical(JsonNode envelope) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}) {
            JsonNode value = envelope.get(field);
            if (value != null && !value.isNull()) {
                text.append(field).append('\n').append(value.asText()).append('\n');
            }
        }
        return text.toString();
    }

    private static X509Certificate fetch(HttpClient http, URI url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw new CertificateUnavailableException("SNS answered " + response.statusCode()
                        + " for its certificate " + url);
            }
            if (response.statusCode() != 200) {
                throw new PayloadRefusedException("SNS envelope refused: SNS has no certificate " + url + " ("
                        + response.statusCode() + ")");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        } catch (IOException e) {
            throw new CertificateUnavailableException("Cannot fetch the SNS certificate " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateUnavailableException("Interrupted fetching the SNS certificate " + url, e);
        } catch (GeneralSecurityException e) {
            throw new PayloadRefusedException("SNS envelope refused: " + url + " is no X.509 certificate", e);
        }
    }

    /** The certificate could not be fetched now: a failure that a redelivery may get past. */
    public static final class CertificateUnavailableException extends RuntimeException {

        CertificateUnavailableException(String message) {
            super(message);
        }

        CertificateUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
