package io.sqsextended.chain.consumer;


import org.junit.jupiter.api.Test;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sqsextended.chain.consumer.OneGetPerPayloadTest.deliver;
import static io.sqsextended.chain.consumer.OneGetPerPayloadTest.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The downstreams of {@link OneGetPerPayloadTest} called within a downstream timeout (on a thread of their own, on a
 * copy of the exchange): still one GET per attempt.
 */
class OneGetWithinADownstreamTimeoutTest {

    @RegisterExtension
    static final ChainExtension chain = OneGetPerPayloadTest.app("30s");

    @Test
    void aConversionToStringSendsOneGet() {
        assertThat(deliver(chain, "convert")).isEqualTo(1);
    }

    @Test
    void theBodyLoggedAfterAReadIsReplayedWithoutASecondGet() {
        assertThat(deliver(chain, "log-after-read")).isEqualTo(1);
    }

    @Test
    void aRedeliveryGetsThePayloadAgain() {
        assertThat(deliver(chain, key("fail-once"), 2)).isEqualTo(2);
    }
}
