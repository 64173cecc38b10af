package io.sqsextended.chain.reliability;

import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.testkit.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.RawHttp;
import io.sqsextended.chain.testkit.UniqueSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies a GET does not take (large forms, multipart) and malformed chunk sizes, over raw sockets: each gets a 4xx
 * problem answer, and a flood of them logs a short line each at most, never a stack trace.
 */
class BodiesOnGetTest {

    static final int TIMEOUT_MILLIS = 10_000;
    static final int REQUESTS = 100;
    static final byte[] FORM = RawHttp.bytes("a=" + "x".repeat(300 << 10));
    static final byte[] MULTIPART = RawHttp.bytes(
            "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n" + "x".repeat(300 << 10) + "\r\n--b--\r\n");

    static CapturedLogs logs;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.withUniqueSecrets()
            .property(ConsumerSettings.ENABLED.name(), "false")
            .afterStart(c -> logs = c.closing(CapturedLogs.open("bodies-on-get-logs")));

    @Test
    void aGetWithA300KbFormBodyGetsAProblemAnswerAndLogsNoStackTrace() {
        assertProblemsWithoutLogFlood("application/x-www-form-urlencoded", FORM);
    }

    @Test
    void aGetWithA300KbMultipartBodyGetsAProblemAnswerAndLogsNoStackTrace() {
        assertProblemsWithoutLogFlood("multipart/form-data; boundary=b", MULTIPART);
    }

    @Test
    void aMalformedChunkSizeGetsA400() {
        for (String request : new String[] {"GET /v1/openapi.json", "POST /v1/uploads"}) {
            String head = RawHttp.head(port(),
                    RawHttp.bytes(request + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + UniqueSecrets.PRODUCER_TOKEN
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                            + "chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                    TIMEOUT_MILLIS);

            assertThat(head).as(request).startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("content-type: application/problem+json");
        }
    }

    private static void assertProblemsWithoutLogFlood(String contentType, byte[] body) {
        int linesBefore = logs.lines().size();
        for (int i = 0; i < REQUESTS; i++) {
            String head = RawHttp.head(port(),
                    RawHttp.request("GET", "/v1/openapi.json", "Content-Type: " + contentType + "\r\n", body),
                    TIMEOUT_MILLIS);

            assertThat(head).as("answer %d", i).matches("(?s)HTTP/1.1 4\\d\\d .*")
                    .containsIgnoringCase("content-type: application/problem+json");
        }
        String logged = String.join("", logs.lines().subList(linesBefore, logs.lines().size()));
        assertThat(logs.lines().size() - linesBefore).as("log lines for %d requests", REQUESTS)
                .isLessThanOrEqualTo(REQUESTS);
        assertThat(logged).as("stack traces logged").doesNotContain("\tat ");
    }

    private static int port() {
        return chain.api().getPort();
    }
}
