package io.sqsextended.chain.tracing;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs tracing before Camel Main configures the routes, when {@link TracingSwitch} says it is on: Camel's tracer
 * must be a route policy factory before the first route is made.
 */
public class Tracing extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    private final TracingSwitch tracingSwitch;

    public Tracing() {
        this(TracingSwitch.ofThisProcess());
    }

    Tracing(TracingSwitch tracingSwitch) {
        this.tracingSwitch = tracingSwitch;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        if (!tracingSwitch.isOn()) {
            LOG.debug("Tracing off: no OpenTelemetry exporter configured");
            return;
        }
        // only referenced here: with tracing off, no class of the SDK is loaded
        OpenTelemetrySetup.install(main.getCamelContext());
    }
}
