package io.sqsextended.chain;

import java.util.Map;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In local mode the app binds AWS clients that reach the embedded stack provisioned from the template. */
class ChainAppTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().startInTest();

    @Test
    void localModeBindsClientsForTheBucketAndQueuesOfTheTemplate() throws Exception {
        ChainApp app = chain.start();
        var registry = app.context().getRegistry();

        assertThat(app.context().getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(app.property(ChainKeys.BUCKET.name())).isEqualTo("sqs-extended-chain-payloads-000000000000");
        assertThat(registry.findSingleByType(S3Presigner.class)).isNotNull();
        assertThat(registry.findSingleByType(S3Client.class)
                .headBucket(r -> r.bucket(app.property(ChainKeys.BUCKET.name())))
                .sdkHttpResponse().isSuccessful()).isTrue();
        assertThat(registry.findSingleByType(SqsClient.class)
                .getQueueUrl(r -> r.queueName(app.property(ChainKeys.DEAD_LETTER_QUEUE.name())))
                .queueUrl()).endsWith("/sqs-extended-chain-dlq");
    }

    @Test
    void onceStartedTheAppLogsOneLineWithThePortsItsServersBound() throws Exception {
        try (CapturedLogs logs = CapturedLogs.open("bound-ports")) {
            ChainApp app = chain.start();
            AwsSettings endpoints = app.clientSettings();

            assertThat(logs.lines()).filteredOn(line -> line.contains("Bound ports:")).singleElement().asString()
                    .endsWith("Bound ports: api=%d management=%d s3=%d sqs=%d%n".formatted(app.api().getPort(),
                            app.management().getPort(), endpoints.s3Endpoint().getPort(), endpoints.sqsEndpoint()
                                    .getPort()));
        }
    }

    @Test
    void awsModeRefusesToStartWithoutTheStackOutputs() {
        assertThatThrownBy(() -> chain.properties(Map.of(ChainKeys.MODE.name(), "aws",
                        ChainKeys.REGION.name(), "us-east-1", ChainKeys.AWS_ENDPOINT.name(), "http://127.0.0.1:1"))
                        .start())
                .hasStackTraceContaining("Missing setting chain.bucket");
    }

    @Test
    void anUnknownModeIsAClearStartUpError() {
        assertThatThrownBy(() -> chain.property(ChainKeys.MODE.name(), "cloud").start())
                .hasStackTraceContaining(ChainKeys.MODE.name() + " must be local or aws, not cloud");
    }

    @Test
    void clientsForTestsReachTheEmbeddedSqs() throws Exception {
        chain.start();

        assertThat(chain.sqs().listQueues().queueUrls()).hasSize(2);
    }
}
