package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ApiClient;

import static io.sqsextended.chain.testkit.ApiClient.CONSUMER;
import static org.assertj.core.api.Assertions.assertThat;

/** Consumers get presigned GETs of existing objects under the allowed prefixes, as JSON or as a redirect. */
class DownloadApiTest {

    static final byte[] BODY = "{\"order\":42}".getBytes(StandardCharsets.UTF_8);
    static final String KEY = "input/reports/2026/order 42+1.json";
    static final String OUTSIDE = "offload/secret.json";

    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().afterStart(c -> {
        for (String key : new String[] {KEY, OUTSIDE}) {
            c.s3().putObject(r -> r.bucket(c.bucket()).key(key).contentType("application/json"),
                    RequestBody.fromBytes(BODY));
        }
    });

    @Test
    void aKeySegmentLongerThanTheEmbeddedS3CanStoreIsAnInvalidKeyNotAStorageFailure() {
        String key = "input/" + "s".repeat(256) + "/x.json";

        ApiClient.Reply reply = chain.client().postJson("/v1/downloads", CONSUMER, Map.of("key", key));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void anExistingObjectIsDescribedWithAUrlThatDownloadsIt() {
        ApiClient.Reply reply = chain.client().postJson("/v1/downloads", CONSUMER, Map.of("key", KEY));
        JsonNode ticket = reply.json();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ticket.get("bucket").asText()).isEqualTo(chain.property(ChainKeys.BUCKET.name()));
        assertThat(ticket.get("key").asText()).isEqualTo(KEY);
        assertThat(ticket.get("method").asText()).isEqualTo("GET");
        assertThat(ticket.get("size").asLong()).isEqualTo(BODY.length);
        assertThat(ticket.get("contentType").asText()).isEqualTo("application/json");
        assertThat(ticket.get("expiresAt").asText()).isNotEmpty();
        assertThat(chain.client().get(ticket.get("url").asText()).body()).isEqualTo(BODY);
    }

    @Test
    void answersWithPresignedUrlsAreNotToBeCached() {
        assertThat(chain.client().postJson("/v1/downloads", CONSUMER, Map.of("key", KEY)).header("Cache-Control"))
                .isEqualTo("no-store");
    }

    @Test
    void aMissingObjectIsNotFound() {
        ApiClient.Reply reply = chain.client()
                .postJson("/v1/downloads", CONSUMER, Map.of("key", "input/no/such/object"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":object-not-found");
    }

    @Test
    void aKeyOutsideTheAllowedPrefixesIsForbiddenEvenWhenItExists() {
        ApiClient.Reply reply = chain.client().postJson("/v1/downloads", CONSUMER, Map.of("key", OUTSIDE));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":key-not-allowed");
    }

    @Test
    void aKeyThatClimbsOutOfThePrefixIsInvalid() {
        ApiClient.Reply reply = chain.client()
                .postJson("/v1/downloads", CONSUMER, Map.of("key", "input/../" + OUTSIDE));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":invalid-key");
    }

    @Test
    void theRedirectPointsAtAPresignedGetOfTheKeyWithSlashesSpacesAndPlus() {
        ApiClient.Reply redirect = chain.client().apiGet("/v1/downloads/" + ApiClient.rawPath(KEY), CONSUMER);

        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
        assertThat(chain.client().get(redirect.header("Location")).body()).isEqualTo(BODY);
    }

    @Test
    void theRedirectAlsoTakesTheKeyAsOneEncodedSegment() {
        ApiClient.Reply redirect = chain.client().apiGet("/v1/downloads/" + ApiClient.encode(KEY), CONSUMER);

        assertThat(redirect.status()).isEqualTo(307);
        assertThat(chain.client().get(redirect.header("Location")).body()).isEqualTo(BODY);
    }

    @Test
    void theRedirectOfAMissingObjectIsNotFound() {
        ApiClient.Reply reply = chain.client().apiGet("/v1/downloads/input/no/such/object", CONSUMER);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":object-not-found");
    }

    @Test
    void theRedirectOfAKeyOutsideTheAllowedPrefixesIsForbidden() {
        ApiClient.Reply reply = chain.client().apiGet("/v1/downloads/" + OUTSIDE, CONSUMER);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ApiClient.problem(reply).get("type").asText()).endsWith(":key-not-allowed");
    }
}
