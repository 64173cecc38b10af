package io.sqsextended.chain.presign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload keys are made by the server; keys named by callers must be well-formed and under their role's prefixes. */
class KeyPolicyTest {

    final KeyPolicy keys = new KeyPolicy("input/", List.of("input/", "offload/"),
            Clock.fixed(Instant.parse("2026-03-09T23:59:59Z"), ZoneOffset.ofHours(2)));

    @Test
    void anUploadKeyIsTheInputPrefixTheUtcDateARandomIdAndTheName() {
        assertThat(keys.newUploadKey("report.pdf")).matches("input/2026/03/09/[0-9a-f-]{36}/report\\.pdf");
    }

    @Test
    void twoUploadsOfTheSameNameGetDifferentKeys() {
        assertThat(keys.newUploadKey("a.txt")).isNotEqualTo(keys.newUploadKey("a.txt"));
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
    @ValueSource(strings = {"", "/input/x", "input//x", "input/./x", "input/../x", "input/x/", "input/a\\b", "input/\u0007"})
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
