package io.sqsextended.chain.api;

import java.net.http.HttpRequest;
import java.util.HexFormat;
import java.util.Map;

import io.sqsextended.chain.config.AuthSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;

import static io.sqsextended.chain.testkit.ApiClient.ADMIN;
import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static io.sqsextended.chain.testkit.ApiClient.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens by role: 401 without a known token, 403 with the wrong role, admins may do everything. */
class TokenAuthTest {

    static final String HASHED = "a-token-configured-only-by-its-digest";
    static final Map<String, Object> UPLOAD = Map.of("contentType", "text/plain", "contentLength", 3);

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app()
            .property(AuthSettings.PRODUCER_TOKENS.name(), PRODUCER + ", sha256:" + HexFormat.of()
                    .formatHex(TokenAuthenticator.sha256(HASHED)));

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", null, UPLOAD);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sqs-extended-chain\"");
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":unauthorized");
    }

    @Test
    void anUnknownTokenIsUnauthorizedAsInvalid() {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", "not-a-configured-token", UPLOAD);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void anotherSchemeThanBearerIsUnauthorized() {
        ApiClient.Reply reply = chain.client().send(HttpRequest.newBuilder(chain.api().resolve("/v1/uploads"))
                .header("Authorization", "Basic ZGV2LXByb2R1Y2VyLXRva2VuOg==")
                        .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.json(UPLOAD))).build());

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void theWrongRoleIsForbiddenAsInsufficientScope() {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", CONSUMER, UPLOAD);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(ApiClient.problem(reply).get("detail").asText()).contains("producer role");
    }

    @Test
    void aProducerMayNotDownload() {
        assertThat(chain.client().postJson("/v1/downloads", PRODUCER, Map.of("key", "input/x")).status())
                .isEqualTo(403);
    }

    @Test
    void anAdminMayUploadAndDownload() {
        assertThat(chain.client().postJson("/v1/uploads", ADMIN, UPLOAD).status()).isEqualTo(201);
        assertThat(chain.client().postJson("/v1/downloads", ADMIN, Map.of("key", "input/none")).status())
                .isEqualTo(404);
    }

    @Test
    void aTokenConfiguredAsItsSha256DigestIsAccepted() {
        assertThat(chain.client().postJson("/v1/uploads", HASHED, UPLOAD).status()).isEqualTo(201);
    }

    @Test
    void theDigestItselfIsNoToken() {
        String digest = HexFormat.of().formatHex(TokenAuthenticator.sha256(HASHED));

        assertThat(chain.client().postJson("/v1/uploads", digest, UPLOAD).status()).isEqualTo(401);
    }

    @Test
    void theAuthorizationHeaderIsNotEchoed() {
        ApiClient.Reply reply = chain.client().postJson("/v1/uploads", PRODUCER, UPLOAD);

        assertThat(reply.header("Authorization")).isNull();
        assertThat(reply.headers().toString()).doesNotContain(PRODUCER);
    }

    @Test
    void refusalsAreCountedByStatus() {
        long before = metrics().count("refused.401");

        chain.client().postJson("/v1/uploads", null, UPLOAD);

        assertThat(metrics().count("refused.401")).isEqualTo(before + 1);
    }

    private static ApiMetrics metrics() {
        return chain.context().getRegistry().lookupByNameAndType("presignMetrics", ApiMetrics.class);
    }
}
