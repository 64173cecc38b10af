package io.sqsextended.chain.consumer;


import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.ChainKeys;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.junit.jupiter.api.Test;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue consumer reads its queue as it starts (local mode starts the embedded SQS while the routes are built). */
class ConsumerStartTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().startInTest();

    @Test
    void theConsumerRenewsAtTheVisibilityTimeoutTheTemplateGivesTheQueue() throws Exception {
        ChainApp app = chain.property(ChainKeys.LOCAL_PARAMETERS.name() + "VisibilityTimeout", "45").start();
        assertThat(consumerEndpoint(app).getConfiguration().getVisibilityTimeout()).isEqualTo(45);
    }

    @Test
    void aConfiguredVisibilityTimeoutIsTheOneRenewed() throws Exception {
        ChainApp app = chain.property(ConsumerSettings.VISIBILITY_TIMEOUT.name(), "33").start();
        assertThat(consumerEndpoint(app).getConfiguration().getVisibilityTimeout()).isEqualTo(33);
    }

    @Test
    void theConsumerPollsTheEmbeddedQueueByItsUrl() throws Exception {
        ChainApp app = chain.start();
        assertThat(consumerEndpoint(app).getConfiguration().getQueueUrl())
                .isEqualTo(app.clientSettings().sqsEndpoint() + "/000000000000/"
                        + app.property(ChainKeys.QUEUE.name()));
    }

    private static Sqs2Endpoint consumerEndpoint(ChainApp app) {
        return (Sqs2Endpoint) app.context().getRoute(ConsumerRoutes.CONSUME_ROUTE).getEndpoint();
    }
}
