package io.sqsextended.chain.presign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The credentials and lifetime of the next signature: the configured TTL, cut to what is left of the
 * credentials' life (a URL outlives neither: S3 refuses it once the session behind the signature has expired).
 * The credentials are resolved once and handed to the presigner, so the lifetime matches what signs.
 */
public final class SigningCredentials {

    /** Below this, a URL would likely expire in transit. */
    static final Duration MIN_LIFETIME = Duration.ofSeconds(30);

    private final AwsCredentialsProvider provider;
    private final Duration ttl;
    private final Clock clock;

    public SigningCredentials(AwsCredentialsProvider provider, Duration ttl, Clock clock) {
        this.provider = provider;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Credentials to sign with now, and how long the signature may live. */
    public record Signing(AwsCredentialsProvider credentials, Duration lifetime) {
    }

    public Signing next() {
        AwsCredentials credentials = provider.resolveCredentials();
        Duration lifetime = ttl;
        if (credentials.expirationTime().isPresent()) {
            Duration left = Duration.between(Instant.now(clock), credentials.expirationTime().get());
            if (left.compareTo(ttl) < 0) {
                if (left.compareTo(MIN_LIFETIME) < 0) {
                    throw new Problem(ProblemType.CREDENTIALS_EXPIRING,
                            "The signing credentials expire too soon; retry shortly");
                }
                lifetime = left;
            }
        }
        return new Signing(StaticCredentialsProvider.create(credentials), lifetime);
    }
}
