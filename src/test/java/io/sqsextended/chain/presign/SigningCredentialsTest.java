package io.sqsextended.chain.presign;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A URL lives the configured TTL, but never longer than the session credentials that sign it. */
class SigningCredentialsTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void longLivedCredentialsSignForTheTtl() {
        SigningCredentials signing = new SigningCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                Duration.ofMinutes(15), CLOCK);

        assertThat(signing.next().lifetime()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void sessionCredentialsCutTheLifetimeToTheirExpiry() {
        assertThat(signingWithSessionEnding(NOW.plus(Duration.ofMinutes(5))).next().lifetime())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void sessionCredentialsThatOutliveTheTtlLeaveItAsIs() {
        assertThat(signingWithSessionEnding(NOW.plus(Duration.ofHours(6))).next().lifetime())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void credentialsAboutToExpireSignNothing() {
        assertThatThrownBy(() -> signingWithSessionEnding(NOW.plusSeconds(10)).next())
                .isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.CREDENTIALS_EXPIRING));
    }

    @Test
    void thePresignerSignsWithTheCheckedCredentialsForTheCutLifetime() {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("OTHER", "other")))
                        .build()) {
            S3Presigning s3 = new S3Presigning(null, presigner, "bucket",
                    signingWithSessionEnding(Instant.now().plus(Duration.ofMinutes(5)), Clock.systemUTC()));

            String url = s3.presignPut("input/x", "text/plain", 1L, Map.of(), new S3Presigning.Checksums(null, null))
                    .url().toString();

            assertThat(url).contains("X-Amz-Credential=ASIASESSION").contains("X-Amz-Security-Token=session-token")
                    .containsPattern("X-Amz-Expires=(29\\d|300)&");
        }
    }

    private static SigningCredentials signingWithSessionEnding(Instant expiry) {
        return signingWithSessionEnding(expiry, CLOCK);
    }

    private static SigningCredentials signingWithSessionEnding(Instant expiry, Clock clock) {
        AwsSessionCredentials session = AwsSessionCredentials.builder().accessKeyId("ASIASESSION")
                .secretAccessKey("secret")
                .sessionToken("session-token").expirationTime(expiry).build();
        return new SigningCredentials(StaticCredentialsProvider.create(session), Duration.ofMinutes(15), clock);
    }
}
