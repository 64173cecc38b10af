package io.sqsextended.chain.tracing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The presign API's {@code POST /v1/uploads} continues the producer's trace (W3C traceparent) or starts one. */
class UploadTraceTest {

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension chain = receiver.receiving(ChainExtension.app());

    @Test
    void anUploadRequestWithATraceparentContinuesThatTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";

        assertThat(createUpload("00-" + traceId + "-" + parentId + "-01").status()).isEqualTo(201);

        ReceivedSpan span = receiver.awaitSpan("a span of the producer's trace", s -> s.traceId().equals(traceId));
        assertThat(span.parentSpanId()).isEqualTo(parentId);
    }

    @Test
    void anUploadRequestWithoutATraceparentStartsATrace() {
        int before = receiver.spans().size();

        assertThat(createUpload(null).status()).isEqualTo(201);

        ReceivedSpan span = receiver.awaitSpan("a root span of the request",
                s -> receiver.spans().indexOf(s) >= before && s.isRoot());
        assertThat(span.attributes().values()).anyMatch(value -> value.contains("/v1/uploads"));
    }

    private ApiClient.Reply createUpload(String traceparent) {
        URI uri = chain.api().resolve("/v1/uploads");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + ApiClient.PRODUCER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.json(Map.of("contentType", "text/plain",
                        "contentLength", 5, "fileName", "notes.txt"))));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return chain.client().send(request.build());
    }
}
