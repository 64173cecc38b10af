package io.sqsextended.chain.config;

import io.sqsextended.chain.local.LocalAws;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency and faults that local mode injects into every request of its embedded S3 and SQS, read and changed while
 * running (the chain's MBean), in the forms of {@link ChainKeys#LOCAL_LATENCY} and {@link ChainKeys#LOCAL_FAULTS}.
 * In aws mode there is nothing to inject into: both read {@code none}, and a change is refused.
 */
public final class InjectionControl {

    static final String BEAN = "chainInjection";
    private static final Logger LOG = LoggerFactory.getLogger(InjectionControl.class);

    /** The embedded stack, or null in aws mode. */
    private final LocalAws local;

    InjectionControl(LocalAws local) {
        this.local = local;
    }

    /** The one bound by {@link AwsClientsConfiguration}. */
    public static InjectionControl of(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(BEAN, InjectionControl.class);
    }

    public String latency() {
        return local == null ? "none" : InjectionValues.format(local.latency());
    }

    /** From the next request on; a value that {@link ChainKeys#LOCAL_LATENCY} would refuse is refused. */
    public void latency(String value) {
        local().latency(InjectionValues.latency(ChainKeys.LOCAL_LATENCY.name(), value));
        LOG.info("Local mode injects a latency of {} now", latency());
    }

    public String faults() {
        return local == null ? "none" : InjectionValues.formatFaults(local.faults());
    }

    /** From the next request on; a value that {@link ChainKeys#LOCAL_FAULTS} would refuse is refused. */
    public void faults(String value) {
        local().faults(InjectionValues.faults(ChainKeys.LOCAL_FAULTS.name(), value));
        LOG.info("Local mode injects faults of {} now", faults());
    }

    private LocalAws local() {
        if (local == null) {
            throw new IllegalStateException("Latency and faults are injected in local mode only ("
                    + ChainKeys.MODE.name() + "=local)");
        }
        return local;
    }
}
