package io.sqsextended.chain.presign;

import java.util.List;
import java.util.Map;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Content types are matched on type/subtype against the allow-list and signed as given; metadata as S3 stores it. */
class UploadRulesTest {

    final UploadRules rules = new UploadRules(List.of("text/plain", "image/*", "Application/JSON"), 1000);

    @Test
    void parametersAndCaseDoNotMatterForTheAllowListButAreKept() {
        assertThat(rules.contentType("Text/Plain; charset=\"utf-8\"")).isEqualTo("Text/Plain; charset=\"utf-8\"");
        assertThat(rules.contentType("application/json")).isEqualTo("application/json");
    }

    @Test
    void aTypeWildcardAllowsEverySubtype() {
        assertThat(rules.contentType("image/png")).isEqualTo("image/png");
    }

    @Test
    void aTypeOffTheListIsNotAllowed() {
        assertThatThrownBy(() -> rules.contentType("text/html")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.CONTENT_TYPE_NOT_ALLOWED));
    }

    @Test
    void theMaximumSizeIsInclusive() {
        assertThat(rules.contentLength(1000)).isEqualTo(1000);
        assertThatThrownBy(() -> rules.contentLength(1001)).isInstanceOf(Problem.class);
    }

    @Test
    void metadataNamesAreLowerCased() {
        assertThat(rules.metadata(Map.of("Batch-Id", "7"))).containsExactly(Map.entry("batch-id", "7"));
    }

    @Test
    void metadataValuesWithSurroundingSpacesAreRefused() {
        assertThatThrownBy(() -> rules.metadata(Map.of("a", " 7"))).isInstanceOf(Problem.class);
    }
}
