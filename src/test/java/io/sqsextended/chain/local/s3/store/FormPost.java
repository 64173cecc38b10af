package io.sqsextended.chain.local.s3.store;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.testkit.TestStacks;

/** A browser-form upload (POST object) signed with a SigV4 POST policy, as an HTML form would send it. */
final class FormPost {

    private FormPost() {
    }

    static int upload(LocalSettings settings, URI s3Endpoint, String bucket, String key, String content)
            throws Exception {
        Instant now = Instant.now();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String credential = settings.accessKey() + "/" + date + "/" + settings.region() + "/s3/aws4_request";
        String policy = Base64.getEncoder()
                .encodeToString(("{\"expiration\":\"" + now.plusSeconds(300) + "\",\"conditions\":["
                + "{\"bucket\":\"" + bucket
                        + "\"},[\"starts-with\",\"$key\",\"\"],{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "{\"x-amz-credential\":\"" + credential + "\"},{\"x-amz-date\":\"" + amzDate + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + settings.secretKey()).getBytes(StandardCharsets.UTF_8), date),
                settings.region()), "s3"), "aws4_request");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, policy)));

        String boundary = "form-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.txt\"\r\n")
                .append("Content-Type: text/plain\r\n\r\n").append(content).append("\r\n--").append(boundary)
                        .append("--\r\n");
        HttpRequest request = HttpRequest.newBuilder(s3Endpoint.resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return TestStacks.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
