package io.sqsextended.chain.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sqsextended.chain.api.JsonRequest.Required;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bodies are bound into their records strictly; each refusal is a problem that names the member by its pointer. */
class JsonRequestTest {

    public record Item(int number, @Required String label) {

        public Item {
            if (number < 1) {
                throw JsonRequest.invalid("number", "must be positive");
            }
        }
    }

    public enum Mode {
        @JsonProperty("fast") FAST,
        @JsonProperty("slow") SLOW
    }

    public record Body(@Required String name, long size, Long limit, Boolean flag, Mode mode, Map<String, String> tags,
            List<Item> items) {
    }

    @Test
    void bindsAWellFormedBody() {
        Body body = read(
                "{\"name\":\"n\",\"size\":3,\"mode\":\"slow\",\"tags\":{\"a\":\"b\"},\"items\":[{\"number\":1,"
                + "\"label\":\"x\"}]}");

        assertThat(body).isEqualTo(new Body("n", 3, null, null, Mode.SLOW, Map.of("a", "b"),
                List.of(new Item(1, "x"))));
    }

    @Test
    void aNumberIsNoString() {
        assertThat(refusal("{\"name\":1,\"size\":1}").detail()).isEqualTo("/name must be a string");
    }

    @Test
    void aStringIsNoNumber() {
        assertThat(refusal("{\"name\":\"n\",\"size\":\"12\"}").detail()).isEqualTo("/size must be an integer");
    }

    @Test
    void aFractionIsNoInteger() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1.0}").detail()).isEqualTo("/size must be an integer");
    }

    @Test
    void aNumberIsNoBoolean() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"flag\":1}").detail()).isEqualTo("/flag must be true or false");
    }

    @Test
    void anUnknownEnumValueNamesTheValuesItTakes() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"mode\":\"FAST\"}").detail())
                .isEqualTo("/mode must be fast or slow");
    }

    @Test
    void anOrdinalIsNoEnumValue() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"mode\":0}").detail()).isEqualTo("/mode must be fast or slow");
    }

    @Test
    void nullForAPrimitiveIsRefusedAsMissing() {
        assertThat(refusal("{\"name\":\"n\",\"size\":null}").detail()).isEqualTo("/size is required");
    }

    @Test
    void anAbsentPrimitiveIsRequired() {
        assertThat(refusal("{\"name\":\"n\"}").detail()).isEqualTo("/size is required");
    }

    @Test
    void nullForARequiredMemberIsRefusedAsMissing() {
        assertThat(refusal("{\"name\":null,\"size\":1}").detail()).isEqualTo("/name is required");
    }

    @Test
    void nullForAnOptionalMemberMeansNotGiven() {
        assertThat(read("{\"name\":\"n\",\"size\":1,\"limit\":null}").limit()).isNull();
    }

    @Test
    void aNumberBeyondItsTypeIsOutOfRange() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"limit\":123456789012345678901234567890}").detail())
                .isEqualTo("/limit is out of range");
    }

    @Test
    void anUnknownMemberIsNamedWithTheKnownOnes() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"nmae\":\"x\"}").detail())
                .isEqualTo("Unknown member '/nmae'; expected flag, items, limit, mode, name, size, tags");
    }

    @Test
    void anUnknownMemberIsNamedBeforeAMissingOne() {
        assertThat(refusal("{\"name\":\"n\",\"sise\":1}").detail()).startsWith("Unknown member '/sise'");
    }

    @Test
    void anUnknownMemberOfAnItemIsNamedByItsPointer() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"items\":[{\"number\":1,\"label\":\"x\",\"size\":1}]}")
                .detail())
                .isEqualTo("Unknown member '/items/0/size'; expected label, number");
    }

    @Test
    void aMemberOfAnItemIsNamedByItsPointer() {
        assertThat(
                refusal("{\"name\":\"n\",\"size\":1,\"items\":[{\"number\":1,\"label\":\"x\"},{\"number\":\"2\","
                + "\"label\":\"y\"}]}").detail())
                .isEqualTo("/items/1/number must be an integer");
    }

    @Test
    void whatARecordRefusesOfAnItemIsNamedByItsPointer() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"items\":[{\"number\":0,\"label\":\"x\"}]}").detail())
                .isEqualTo("/items/0/number must be positive");
    }

    @Test
    void aMapValueIsNamedByItsPointer() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1,\"tags\":{\"a\":true}}").detail())
                .isEqualTo("/tags/a must be a string");
    }

    @Test
    void aDuplicateMemberIsMalformed() {
        assertThat(refusal("{\"name\":\"n\",\"name\":\"m\",\"size\":1}").type()).isEqualTo(ProblemType.MALFORMED_JSON);
    }

    @Test
    void contentAfterTheObjectIsMalformed() {
        assertThat(refusal("{\"name\":\"n\",\"size\":1} {}").type()).isEqualTo(ProblemType.MALFORMED_JSON);
    }

    @Test
    void aBodyThatIsNoObjectIsMalformed() {
        assertThat(refusal("[{\"name\":\"n\",\"size\":1}]").detail())
                .isEqualTo("The request body must be a JSON object");
    }

    @Test
    void theCallersValueIsNeverEchoed() {
        assertThat(refusal("{\"name\":\"n\",\"size\":\"secret-value\"}").detail()).doesNotContain("secret-value");
    }

    private static Body read(String json) {
        return JsonRequest.read(json.getBytes(StandardCharsets.UTF_8), Body.class);
    }

    private static Problem refusal(String json) {
        Problem problem = catchThrowableOfType(Problem.class, () -> read(json));
        assertThat(problem).as("a refusal of " + json).isNotNull();
        return problem;
    }
}
