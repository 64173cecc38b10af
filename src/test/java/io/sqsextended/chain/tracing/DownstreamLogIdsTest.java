package io.sqsextended.chain.tracing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The downstream route runs on a thread of its own ({@code ChainDownstream}, within the downstream timeout): its log
 * lines carry the ids of the attempt's {@code deliver} span, as the worker's do. The built-in downstream route logs a
 * line per payload with Camel's {@code log} step, as a user's route would.
 */
class DownstreamLogIdsTest {

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app().consumer());

    @Test
    void theDownstreamRoutesLogLineCarriesTheTraceAndSpanIdsOfTheDeliverSpan() {
        String traceId = PayloadTraceTest.newTraceId();

        try (CapturedLogs logs = CapturedLogs.open("downstream-ids")) {
            String key = upload(traceId);

            String line = await().alias("the downstream's line").until(() -> logs.lines().stream()
                    .filter(l -> l.contains("Payload s3-event") && l.contains(key)).findFirst(), Optional::isPresent)
                    .orElseThrow();
            ReceivedSpan deliver = awaitDeliver(traceId);
            assertThat(line).contains("trace.id=" + traceId, "span.id=" + deliver.spanId());
        }
    }

    /** A payload uploaded through the API in trace {@code traceId}; its key. */
    private static String upload(String traceId) {
        JsonNode ticket = PayloadTraceTest.createUpload(chain, traceId, 5);
        assertThat(chain.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        return ticket.get("key").asText();
    }

    private static ReceivedSpan awaitDeliver(String traceId) {
        return receiver.awaitSpan("the deliver span", s -> s.traceId().equals(traceId) && s.name().equals("deliver"));
    }
}
