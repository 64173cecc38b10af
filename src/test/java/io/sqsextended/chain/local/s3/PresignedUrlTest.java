package io.sqsextended.chain.local.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import io.sqsextended.chain.testkit.TestStacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded S3 checks SigV4 presigned URLs as S3 does. */
class PresignedUrlTest {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    final byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
    final String key = "input/" + UUID.randomUUID();

    @BeforeAll
    static void startStack() {
        local = stack.local();
    }

    @Test
    void aPresignedPutAsSignedIsAccepted() {
        assertThat(TestStacks.upload(TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)), body))
                .isEqualTo(200);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String url = TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)).url().toString();
        String tampered = url.replaceFirst("X-Amz-Signature=([0-9a-f])", "X-Amz-Signature="
                + (url.contains("X-Amz-Signature=0") ? "1" : "0"));

        assertThat(tampered).isNotEqualTo(url);
        assertThat(TestStacks.upload(tampered, Map.of("Content-Type", List.of("text/plain")), body)).isEqualTo(403);
    }

    @Test
    void aUrlSignedForAnotherKeyIsRefused() {
        String url = TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)).url().toString();

        assertThat(TestStacks.upload(url.replace(key, key + "-other"), Map.of("Content-Type", List.of("text/plain")),
                body))
                .isEqualTo(403);
    }

    @Test
    void aBodyOfAnotherLengthThanSignedIsRefused() {
        PresignedPutObjectRequest presigned = TestStacks.presignPut(local, key, body, Duration.ofMinutes(5));

        assertThat(TestStacks.upload(presigned, "a longer payload".getBytes(StandardCharsets.UTF_8))).isEqualTo(403);
    }

    @Test
    void aContentTypeOtherThanSignedIsRefused() {
        String url = TestStacks.presignPut(local, key, body, Duration.ofMinutes(5)).url().toString();

        assertThat(TestStacks.upload(url, Map.of("Content-Type", List.of("application/octet-stream")), body))
                .isEqualTo(403);
    }

    @Test
    void theSameUrlIsAcceptedUntilItExpiresThenRefused() {
        PresignedPutObjectRequest presigned = TestStacks.presignPut(local, key, body, Duration.ofSeconds(3));

        assertThat(TestStacks.upload(presigned, body)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> TestStacks.upload(presigned, body) == 403);
    }
}
