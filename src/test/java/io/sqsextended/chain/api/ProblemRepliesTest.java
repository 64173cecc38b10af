package io.sqsextended.chain.api;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The error handler's answers: problems as they say, anything unexpected as a 500 that reveals nothing. */
class ProblemRepliesTest {

    final ApiMetrics metrics = new ApiMetrics();
    final ProblemReplies replies = new ProblemReplies(metrics);

    @Test
    void anUnexpectedFailureIsA500ProblemWithoutInternals() {
        HttpReply reply = replies.toReply(failed(new IllegalStateException("secret internals at Foo.java:42")));
        String body = new String(reply.body(), StandardCharsets.UTF_8);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.contentType()).isEqualTo(ProblemJson.MEDIA_TYPE);
        assertThat(body).contains("internal-error").doesNotContain("secret internals")
                .doesNotContain("IllegalStateException");
        assertThat(metrics.count("failed.500")).isEqualTo(1);
    }

    @Test
    void aProblemWrappedByCamelIsStillItsOwnAnswer() {
        Problem problem = new Problem(ProblemType.FORBIDDEN, "no").withHeader("WWW-Authenticate", "Bearer");

        HttpReply reply = replies.toReply(failed(new RuntimeCamelException(problem)));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(metrics.count("refused.403")).isEqualTo(1);
    }

    private static Exchange failed(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/v1/uploads");
        return exchange;
    }
}
