package io.sqsextended.chain.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XRayTraceHeaderTest {

    @Test
    void aSampledHeaderBecomesATraceparentOfTheSameIds() {
        assertThat(XRayTraceHeader.toTraceparent(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
                .contains("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    }

    @Test
    void anUnsampledHeaderKeepsTheDecision() {
        assertThat(XRayTraceHeader.toTraceparent(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage=a87bd80c:1"))
                .contains("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00");
    }

    @Test
    void aHeaderWithoutAParentIsNoContext() {
        assertThat(XRayTraceHeader.toTraceparent("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")).isEmpty();
    }
}
