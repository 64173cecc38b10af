package io.sqsextended.chain.consumer;

import java.util.UUID;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/java/LineCount.java, a Java route compiled at start from chain.routes.dir, counts the lines of payloads. */
class JavaRouteExampleTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().downstream("direct:lines")
            .property(ConsumerSettings.ROUTES_DIR.name(), "examples/java")
            .property("example.lines.to", RecordingDownstream.URI);

    @Test
    void aJavaRouteFileCountsTheLinesOfEachPayloadAndHandsItOnUnchanged() throws Exception {
        String key = "input/" + UUID.randomUUID() + ".csv";
        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("a,1\nb,2\nc,3\n"));

        RecordingDownstream.Attempt delivery = chain.downstream().awaitKey(key);

        assertThat(delivery.header("PayloadLines")).isEqualTo("3");
        assertThat(delivery.text()).isEqualTo("a,1\nb,2\nc,3\n");
    }
}
