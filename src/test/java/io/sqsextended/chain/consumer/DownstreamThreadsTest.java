package io.sqsextended.chain.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ChainExtension;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pool of downstream calls holds threads for the calls under way, not one per call up to its most. */
class DownstreamThreadsTest {

    static final String URI = "direct:test-counted";
    static final List<String> calls = new CopyOnWriteArrayList<>();
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().consumer().properties(Map.of(
                    ConsumerSettings.DOWNSTREAM_URI.name(), URI,
                    ChainKeys.CONCURRENCY.name(), "4"))
            .afterStart(c -> RouteBuilder.addRoutes(c.context(), routes -> routes.from(URI).routeId("test-counted")
                    .process(exchange -> calls.add(exchange.getMessage().getBody(String.class)))));

    @Test
    void payloadsDeliveredOneAtATimeShareOneDownstreamThread() {
        for (int i = 0; i < 6; i++) {
            String body = "one at a time " + i + " " + UUID.randomUUID();
            chain.queues().send(body);
            await().until(() -> calls.contains(body));
        }

        // at most 2: a call's thread may not be back in the pool yet when the next call starts
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.endsWith(" - ChainDownstream"))).hasSizeLessThanOrEqualTo(2);
    }
}
