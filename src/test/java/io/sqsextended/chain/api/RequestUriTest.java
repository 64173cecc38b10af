package io.sqsextended.chain.api;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Path tails and query parameters are percent-decoded strictly to UTF-8; '+' is a space in queries only. */
class RequestUriTest {

    @Test
    void thePathTailKeepsSlashesAndPlusAndDecodesTheRest() {
        assertThat(RequestUri.pathAfter(exchange("/v1/downloads/input/a%20b+c/r%C3%A9sum%C3%A9", null), "/downloads/"))
                .isEqualTo("input/a b+c/résumé");
    }

    @Test
    void aQueryParameterDecodesPlusAsSpace() {
        assertThat(RequestUri.queryParameter(exchange("/", "x=1&key=input%2Fa+b%2B"), "key")).isEqualTo("input/a b+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "%zz", "%C3", "%FF", "%ED%A0%80"})
    void invalidEscapesOrUtf8AreRefused(String raw) {
        assertThatThrownBy(() -> RequestUri.decode(raw, false)).isInstanceOf(Problem.class);
    }

    @Test
    void aRepeatedQueryParameterIsRefused() {
        assertThatThrownBy(() -> RequestUri.queryParameter(exchange("/", "key=a&key=b"), "key"))
                .hasMessageContaining("more than once");
    }

    private static Exchange exchange(String path, String query) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
        exchange.getMessage().setHeader(Exchange.HTTP_RAW_QUERY, query);
        return exchange;
    }
}
