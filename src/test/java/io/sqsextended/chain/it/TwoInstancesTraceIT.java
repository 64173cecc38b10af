package io.sqsextended.chain.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.ApiClient;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.testkit.OtlpReceiver;
import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;
import io.sqsextended.chain.testkit.RunningJar;
import io.sqsextended.chain.testkit.UniqueSecrets;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One payload's trace across two instances, both exporting to one OTLP receiver: uploaded through the API of the first
 * (local mode, in this JVM, its consumer off), consumed by the second (the packaged jar in aws mode on the first's
 * embedded S3 and SQS, the queue's only consumer). Profile {@code reliability}: {@code mvn verify -Preliability
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TwoInstancesTraceIT}.
 */
@Tag("reliability")
class TwoInstancesTraceIT {

    static final String INSTANCE_ID = "service.instance.id";

    @RegisterExtension
    @Order(1)
    static final OtlpReceiver receiver = new OtlpReceiver();

    @RegisterExtension
    @Order(2)
    static final ChainExtension first = receiver.receiving(ChainExtension.app());

    @TempDir
    Path jarHome;

    @Test
    void aPayloadUploadedThroughOneInstanceAndDeliveredByAnotherIsOneTraceWithTheResolveUnderTheUpload()
            throws Exception {
        try (RunningJar second = RunningJar.start(jarHome, jarSettings().toArray(String[]::new))) {
            second.awaitOutput(") started in", 0, Duration.ofSeconds(90));
            String traceId = UUID.randomUUID().toString().replace("-", "");
            JsonNode ticket = first.client().createUpload(ApiClient.PRODUCER, "00-" + traceId + "-00f067aa0ba902b7-01",
                    7).json();
            assertThat(first.client().put(ticket.get("url").asText(), ApiClient.headersOf(ticket),
                    "crossed".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

            ReceivedSpan deliver = receiver.awaitSpan("the deliver span", s -> s.traceId().equals(traceId)
                    && s.name().equals("deliver"));
            ReceivedSpan resolve = receiver.awaitSpan("the resolve span", s -> s.traceId().equals(traceId)
                    && s.name().equals("resolve"));
            ReceivedSpan upload = receiver.awaitSpan("the deliver's parent", s -> s.spanId()
                    .equals(deliver.parentSpanId()));
            assertThat(upload.name()).isEqualTo("/v1/uploads");
            assertThat(resolve.parentSpanId()).isEqualTo(upload.spanId());
            String firstInstance = upload.resource().get(INSTANCE_ID);
            String secondInstance = deliver.resource().get(INSTANCE_ID);
            assertThat(firstInstance).isNotBlank();
            assertThat(secondInstance).isNotBlank().isNotEqualTo(firstInstance);
            assertThat(resolve.resource()).containsEntry(INSTANCE_ID, secondInstance);
            // the S3 event's message carries no trace: its receive is a trace of the second's, linked from the resolve
            String linked = resolve.links().get(0).traceId();
            assertThat(receiver.trace(linked)).filteredOn(s -> s.name().equals("receive")).singleElement()
                    .satisfies(receive -> assertThat(receive.resource()).containsEntry(INSTANCE_ID, secondInstance));
        }
    }

    /** Aws mode on the first's stack, its own tokens (aws mode refuses the development ones), the same receiver. */
    private static List<String> jarSettings() {
        List<String> settings = new ArrayList<>(RunningJar.awsMode(first.clientSettings(),
                first.property(ChainKeys.BUCKET.name()), first.property(ChainKeys.QUEUE.name()),
                first.property(ChainKeys.DEAD_LETTER_QUEUE.name())));
        settings.addAll(List.of("-Dchain.auth.producer-tokens=" + UniqueSecrets.PRODUCER_TOKEN,
                "-Dchain.auth.consumer-tokens=" + UniqueSecrets.CONSUMER_TOKEN,
                "-Dchain.auth.admin-tokens=" + UniqueSecrets.ADMIN_TOKEN, "-Dchain.consumer.wait-time-seconds=1"));
        receiver.settings().forEach((key, value) -> settings.add("-D" + key + "=" + value));
        return settings;
    }
}
