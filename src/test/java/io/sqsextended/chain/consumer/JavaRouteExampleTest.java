package io.sqsextended.chain.consumer;

import java.nio.file.Path;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/java/LineCount.java, a Java route compiled at start from chain.routes.dir, counts the lines of payloads. */
class JavaRouteExampleTest {

    @TempDir
    Path dataDir;
    final RecordingDownstream downstream = new RecordingDownstream();

    @Test
    void aJavaRouteFileCountsTheLinesOfEachPayloadAndHandsItOnUnchanged() throws Exception {
        try (ChainApp app = ChainApp.builder(dataDir).consumer().downstream("direct:lines").property("chain.routes.dir", "examples/java")
                .property("example.lines.to", RecordingDownstream.URI).start(); S3Client s3 = AwsClients.s3(app.clientSettings())) {
            downstream.addTo(app.context());
            String key = "input/" + UUID.randomUUID() + ".csv";
            s3.putObject(r -> r.bucket(app.property("chain.bucket")).key(key), RequestBody.fromString("a,1\nb,2\nc,3\n"));

            RecordingDownstream.Attempt delivery = downstream.awaitKey(key);

            assertThat(delivery.header("PayloadLines")).isEqualTo("3");
            assertThat(delivery.text()).isEqualTo("a,1\nb,2\nc,3\n");
        }
    }
}
