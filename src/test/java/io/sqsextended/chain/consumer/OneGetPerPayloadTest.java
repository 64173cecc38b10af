package io.sqsextended.chain.consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.ServedGets;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One GET per payload, as the embedded S3 counts them ({@link ServedGets}), whatever the downstream does with the body
 * within an attempt; only a redelivery reads the object again. Downstreams as users write them (YAML in
 * chain.routes.dir), and in Java where they call the {@link StreamCache} methods themselves; each ends at the
 * {@link RecordingDownstream}, which reads the body once more.
 * No downstream timeout here (the downstream is called on the exchange itself); {@link
 * OneGetWithinADownstreamTimeoutTest} has one.
 */
class OneGetPerPayloadTest {

    static final String PAYLOAD = "one GET, however often it is read";
    static final String ROUTES = """
            - route:
                id: one-get
                routeConfigurationId: chain-errors
                from:
                  uri: direct:one-get
                  steps:
                    - toD: "direct:${header.PayloadKey.split('/')[1]}"
            - route:
                id: convert
                routeConfigurationId: chain-errors
                from:
                  uri: direct:convert
                  steps:
                    - convertBodyTo:
                        type: java.lang.String
                    - to: direct:recording-downstream
            - route:
                id: log-after-read
                routeConfigurationId: chain-errors
                from:
                  uri: direct:log-after-read
                  steps:
                    - setProperty:
                        name: length
                        simple: "${bodyAs(byte[]).length}"
                    - log: "Read ${exchangeProperty.length} bytes: ${body}"
                    - to: direct:recording-downstream
            - route:
                id: multicast
                routeConfigurationId: chain-errors
                from:
                  uri: direct:multicast
                  steps:
                    - multicast:
                        parallelProcessing: true
                        steps:
                          - to: direct:recording-downstream
                          - to: direct:recording-downstream
            - route:
                id: wire-tap
                routeConfigurationId: chain-errors
                from:
                  uri: direct:wire-tap
                  steps:
                    - wireTap:
                        uri: direct:recording-downstream
                    - to: direct:recording-downstream
            - route:
                id: fail-once
                routeConfigurationId: chain-errors
                from:
                  uri: direct:fail-once
                  steps:
                    - to: direct:recording-downstream
            """;

    static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    static ServedGets gets;
    @RegisterExtension
    static final ChainExtension chain = app("0");

    /**
     * The app with the downstreams above and {@code chain.consumer.downstream-timeout} (0: none); GETs counted from its
     * start on.
     */
    static ChainExtension app(String downstreamTimeout) {
        return ChainExtension.app().consumer().recordingDownstream().downstream("direct:one-get")
                .beforeStart(c -> {
                    Files.writeString(c.dir("routes").resolve("one-get.camel.yaml"), ROUTES);
                    c.downstream().failWhen = subject -> subject.contains("/fail-once/") && failedOnce.add(subject);
                    gets = c.closing(ServedGets.open());
                })
                .property(ConsumerSettings.ROUTES_DIR.name(), c -> c.dir("routes").toString())
                .properties(Map.of(ConsumerSettings.DOWNSTREAM_TIMEOUT.name(), downstreamTimeout,
                        ConsumerSettings.REDELIVERY_MAX_ATTEMPTS.name(), "2",
                        ConsumerSettings.REDELIVERY_INITIAL_DELAY.name(), "200"))
                .afterStart(c -> RouteBuilder.addRoutes(c.context(), java -> {
                    java.from("direct:reset-first").routeId("reset-first")
                            .process(exchange -> exchange.getIn().getBody(StreamCache.class).reset())
                            .to(RecordingDownstream.URI);
                    java.from("direct:write-to").routeId("write-to")
                            .process(exchange -> exchange.getIn().setHeader("Written", writtenOut(exchange)))
                            .to(RecordingDownstream.URI);
                    java.from("direct:copy-first").routeId("copy-first")
                            .process(exchange -> exchange.getIn().setHeader("CopyRead", readWhole(
                                    (InputStream) exchange.getIn().getBody(StreamCache.class).copy(exchange))))
                            .to(RecordingDownstream.URI);
                }));
    }

    @Test
    void aConversionToStringSendsOneGet() {
        assertThat(deliver(chain, "convert")).isEqualTo(1);
    }

    @Test
    void theBodyLoggedAfterAReadIsReplayedWithoutASecondGet() {
        assertThat(deliver(chain, "log-after-read")).isEqualTo(1);
    }

    @Test
    void aResetBeforeTheFirstReadKeepsTheGetAlreadySent() {
        assertThat(deliver(chain, "reset-first")).isEqualTo(1);
    }

    @Test
    void writeToBeforeAnyReadUsesTheGetAlreadySent() {
        String key = key("write-to");

        assertThat(deliver(chain, key, 1)).isEqualTo(1);
        assertThat(chain.downstream().ofKey(key).get(0).header("Written")).isEqualTo(PAYLOAD);
    }

    @Test
    void aCopyMadeBeforeAnyReadSharesTheGetAlreadySent() {
        String key = key("copy-first");

        assertThat(deliver(chain, key, 1)).isEqualTo(1);
        assertThat(chain.downstream().ofKey(key).get(0).header("CopyRead")).isEqualTo(PAYLOAD);
    }

    @Test
    void parallelMulticastBranchesShareOneGet() {
        assertThat(deliver(chain, key("multicast"), 2)).isEqualTo(1);
    }

    @Test
    void aWireTapCopyGetsThePayloadWithAtMostAGetOfItsOwn() {
        // the copy runs on its own thread: it shares the GET if it reads
        // before the attempt ends, else sends one (a CI run saw 2)
        assertThat(deliver(chain, key("wire-tap"), 2)).isBetween(1L, 2L);
    }

    @Test
    void aRedeliveryAfterTheDownstreamFailedGetsThePayloadAgain() {
        assertThat(deliver(chain, key("fail-once"), 2)).isEqualTo(2);
    }

    static long deliver(ChainExtension chain, String route) {
        return deliver(chain, key(route), 1);
    }

    /**
     * Uploads the payload, sends its event, waits for {@code attempts} calls of the recording downstream; the GETs
     * seen.
     */
    static long deliver(ChainExtension chain, String key, int attempts) {
        String bucket = chain.property(ChainKeys.BUCKET.name());
        chain.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(PAYLOAD));
        chain.queues().send(objectCreated(bucket, key, "01"));
        await().until(() -> chain.downstream().ofKey(key), calls -> calls.size() == attempts);
        assertThat(chain.downstream().ofKey(key)).last().satisfies(call -> {
            assertThat(call.delivered()).isTrue();
            assertThat(call.text()).isEqualTo(PAYLOAD);
        });
        // the exchange completes after the downstream returned: its GETs are all sent by then
        chain.queues().awaitNothingPending();
        return gets.of(bucket, key);
    }

    /** Keys outside the input prefix (no notification of their own); the route is the second segment. */
    static String key(String route) {
        return "other/" + route + "/" + UUID.randomUUID();
    }

    private static String writtenOut(Exchange exchange) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exchange.getIn().getBody(StreamCache.class).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String readWhole(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
