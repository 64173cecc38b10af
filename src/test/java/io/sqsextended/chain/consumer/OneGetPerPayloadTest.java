package io.sqsextended.chain.consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.Queues;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.testkit.ServedGets;
import io.sqsextended.chain.wire.AwsClients;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One GET per payload, as the embedded S3 counts them ({@link ServedGets}), whatever the downstream does with the body
 * within an attempt; only a redelivery reads the object again. Downstreams as users write them (YAML in
 * chain.routes.dir), and in Java where they call the {@link StreamCache} methods themselves; each ends at the
 * {@link RecordingDownstream}, which reads the body once more. No downstream timeout here (the downstream is called on the
 * exchange itself); {@link OneGetWithinADownstreamTimeoutTest} has one.
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

    @TempDir
    static Path dataDir;
    static ChainApp plain;
    static final RecordingDownstream downstream = new RecordingDownstream();
    static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    static ServedGets gets;

    @BeforeAll
    static void start() throws Exception {
        plain = app(dataDir, "0");
    }

    /** The app with the downstreams above and {@code chain.consumer.downstream-timeout} (0: none); GETs counted from now on. */
    static ChainApp app(Path dataDir, String downstreamTimeout) throws Exception {
        Path routes = Files.createDirectories(dataDir.resolve("routes"));
        Files.writeString(routes.resolve("one-get.camel.yaml"), ROUTES);
        downstream.failWhen = subject -> subject.contains("/fail-once/") && failedOnce.add(subject);
        gets = ServedGets.open();
        ChainApp app = ChainApp.builder(dataDir.resolve("data")).consumer().downstream("direct:one-get").properties(Map.of(
                "chain.routes.dir", routes.toString(),
                "chain.consumer.downstream-timeout", downstreamTimeout,
                "chain.consumer.redelivery.max-attempts", "2",
                "chain.consumer.redelivery.initial-delay", "200")).start();
        downstream.addTo(app.context());
        RouteBuilder.addRoutes(app.context(), java -> {
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
        });
        return app;
    }

    @AfterAll
    static void stop() {
        gets.close();
        plain.close();
    }

    @Test
    void aConversionToStringSendsOneGet() {
        assertThat(deliver(plain, "convert")).isEqualTo(1);
    }

    @Test
    void theBodyLoggedAfterAReadIsReplayedWithoutASecondGet() {
        assertThat(deliver(plain, "log-after-read")).isEqualTo(1);
    }

    @Test
    void aResetBeforeTheFirstReadKeepsTheGetAlreadySent() {
        assertThat(deliver(plain, "reset-first")).isEqualTo(1);
    }

    @Test
    void writeToBeforeAnyReadUsesTheGetAlreadySent() {
        String key = key("write-to");

        assertThat(deliver(plain, key, 1)).isEqualTo(1);
        assertThat(downstream.ofKey(key).get(0).header("Written")).isEqualTo(PAYLOAD);
    }

    @Test
    void aCopyMadeBeforeAnyReadSharesTheGetAlreadySent() {
        String key = key("copy-first");

        assertThat(deliver(plain, key, 1)).isEqualTo(1);
        assertThat(downstream.ofKey(key).get(0).header("CopyRead")).isEqualTo(PAYLOAD);
    }

    @Test
    void parallelMulticastBranchesShareOneGet() {
        assertThat(deliver(plain, key("multicast"), 2)).isEqualTo(1);
    }

    @Test
    void aWireTapCopyGetsThePayloadWithAtMostAGetOfItsOwn() {
        // the copy runs on its own thread: it shares the GET if it reads before the attempt ends, else sends one (a CI run saw 2)
        assertThat(deliver(plain, key("wire-tap"), 2)).isBetween(1L, 2L);
    }

    @Test
    void aRedeliveryAfterTheDownstreamFailedGetsThePayloadAgain() {
        assertThat(deliver(plain, key("fail-once"), 2)).isEqualTo(2);
    }

    static long deliver(ChainApp app, String route) {
        return deliver(app, key(route), 1);
    }

    /** Uploads the payload, sends its event, waits for {@code attempts} calls of the recording downstream; the GETs seen. */
    static long deliver(ChainApp app, String key, int attempts) {
        String bucket = app.property("chain.bucket");
        try (S3Client s3 = AwsClients.s3(app.clientSettings()); SqsClient sqs = AwsClients.sqs(app.clientSettings())) {
            Queues queues = Queues.of(app, sqs);
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(PAYLOAD));
            queues.send(objectCreated(bucket, key, "01"));
            await().until(() -> downstream.ofKey(key), calls -> calls.size() == attempts);
            assertThat(downstream.ofKey(key)).last().satisfies(call -> {
                assertThat(call.delivered()).isTrue();
                assertThat(call.text()).isEqualTo(PAYLOAD);
            });
            // the exchange completes after the downstream returned: its GETs are all sent by then
            queues.awaitNothingPending();
        }
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
