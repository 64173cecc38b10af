package io.sqsextended.chain.presign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.api.UploadOwner;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload keys are made by the server; keys named by callers must be well-formed and under their role's prefixes. */
class KeyPolicyTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T23:59:59Z"), ZoneOffset.ofHours(2));
    final KeyPolicy keys = new KeyPolicy("input/", List.of("input/", "offload/"), CLOCK, S3Limits.MAX_KEY_BYTES);
    final UploadOwner owner = UploadOwner.of(TokenAuthenticator.sha256("token-a"));
    final UploadOwner other = UploadOwner.of(TokenAuthenticator.sha256("token-b"));

    @Test
    void anUploadKeyIsTheInputPrefixTheUtcDateARandomIdTaggedForItsOwnerAndTheName() {
        assertThat(keys.newUploadKey("report.pdf", owner))
                .matches("input/2026/03/09/[0-9a-f]{32}-[0-9a-f]{32}/report\\.pdf");
    }

    @Test
    void twoUploadsOfTheSameNameGetDifferentKeys() {
        assertThat(keys.newUploadKey("a.txt", owner)).isNotEqualTo(keys.newUploadKey("a.txt", owner));
    }

    @Test
    void theOwnerOfAnUploadKeyMayUseIt() {
        String key = keys.newUploadKey("a.txt", owner);

        assertThat(keys.ownUploadKey(key, owner)).isEqualTo(key);
    }

    @Test
    void anotherOwnerMayNotUseAnUploadKey() {
        String key = keys.newUploadKey("a.txt", owner);

        assertThatThrownBy(() -> keys.ownUploadKey(key, other)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"input/2026/03/09/a.txt", "input/a.txt", "input/2026/03/09/%s/b.txt",
            "input/2026/03/10/%s/a.txt"})
    void aKeyTheServerDidNotMakeForTheOwnerIsForbidden(String pattern) {
        String id = keys.newUploadKey("a.txt", owner).split("/")[4];

        assertThatThrownBy(() -> keys.ownUploadKey(pattern.formatted(id), owner)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
    }

    @Test
    void keySegmentsAreLimitedWhereTheStoreLimitsThem() {
        KeyPolicy local = new KeyPolicy("input/", List.of("input/"), CLOCK, LocalSettings.MAX_KEY_SEGMENT_BYTES);
        String longest = "input/" + "é".repeat(LocalSettings.MAX_KEY_SEGMENT_BYTES / 2) + "/x";

        assertThat(local.downloadKey(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> local.downloadKey(longest.replace("/x", "x/x"))).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_KEY));
        assertThatThrownBy(() -> local.newUploadKey("n".repeat(LocalSettings.MAX_KEY_SEGMENT_BYTES + 1), owner))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_KEY));
        assertThat(keys.downloadKey(longest.replace("/x", "x".repeat(300)))).isNotNull();
    }

    @Test
    void fileNamesAreNormalizedToNfc() {
        assertThat(KeyPolicy.sanitizeFileName("re\u0301sume\u0301.txt")).isEqualTo("résumé.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\b", "..", ".", "  ", "a\u0000b", "a\nb", "a\u0085b"})
    void fileNamesWithPathTricksAreRefused(String fileName) {
        assertThatThrownBy(() -> KeyPolicy.sanitizeFileName(fileName)).isInstanceOf(Problem.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/input/x", "input//x", "input/./x", "input/../x", "input/x/", "input/a\\b",
            "input/\u0007"})
    void malformedKeysAreRefused(String key) {
        assertThatThrownBy(() -> keys.downloadKey(key)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_KEY));
    }

    @Test
    void aKeyOf1024BytesIsTheLongestAllowed() {
        String key = "input/" + "é".repeat(509);

        assertThat(KeyPolicy.utf8Length(key)).isEqualTo(1024);
        assertThat(keys.downloadKey(key)).isEqualTo(key);
        assertThatThrownBy(() -> keys.downloadKey(key + "x")).hasMessageContaining("1024");
    }

    @Test
    void aFileNameThatMakesTheKeyLongerThan1024BytesIsAnInvalidKey() {
        assertThatThrownBy(() -> keys.newUploadKey("é".repeat(500) + ".txt", owner))
                .isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.detail()).contains("1024 bytes"));
    }

    @Test
    void uploadsGoUnderTheInputPrefixOnly() {
        assertThatThrownBy(() -> keys.uploadKey("offload/x")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.KEY_NOT_ALLOWED));
    }

    @Test
    void downloadsComeFromAnyAllowedPrefix() {
        assertThat(keys.downloadKey("offload/x")).isEqualTo("offload/x");
        assertThatThrownBy(() -> keys.downloadKey("inputs/x")).isInstanceOf(Problem.class);
    }
}
