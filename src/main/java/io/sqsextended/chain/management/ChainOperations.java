package io.sqsextended.chain.management;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.ObjectName;

import io.micrometer.core.instrument.FunctionCounter;
import io.sqsextended.chain.config.InjectionControl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.service.ServiceSupport;

/** The {@link ChainOperationsMBean}, registered on the platform MBean server while the context runs. */
final class ChainOperations extends ServiceSupport implements ChainOperationsMBean {

    static final String OBJECT_NAME = "io.sqsextended:type=Chain";
    /** Namespace of the Micrometer meters (Prometheus: {@code chain_payloads_delivered_total}, ...). */
    private static final String METERS = "chain";

    private final CamelContext context;
    private final String consumerRoute;
    private final ChainCounters counters;
    private final Supplier<DeadLetterRedrive> redriveFactory;
    private final Supplier<Map<String, Long>> apiCounters;
    private DeadLetterRedrive redrive;

    ChainOperations(CamelContext context, String consumerRoute, ChainCounters counters,
            Supplier<DeadLetterRedrive> redriveFactory,
          Supplier<Map<String, Long>> apiCounters) {
        this.context = context;
        this.consumerRoute = consumerRoute;
        this.counters = counters;
        this.redriveFactory = redriveFactory;
        this.apiCounters = apiCounters;
    }

    @Override
    protected void doStart() throws Exception {
        redrive = redriveFactory.get();
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            FunctionCounter.builder(METERS + ".payloads.delivered", this, ChainOperations::getPayloadsDelivered)
                    .register(meters);
            FunctionCounter.builder(METERS + ".delivery.failures", this, ChainOperations::getDeliveryFailures)
                    .register(meters);
            FunctionCounter.builder(METERS + ".messages.dead.lettered", this, ChainOperations::getMessagesDeadLettered)
                    .register(meters);
            FunctionCounter.builder(METERS + ".bytes.delivered", this, ChainOperations::getBytesDelivered)
                    .baseUnit("bytes").register(meters);
            FunctionCounter.builder(METERS + ".presigns.issued", this, ChainOperations::getPresignsIssued)
                    .register(meters);
            FunctionCounter.builder(METERS + ".presigns.refused", this, ChainOperations::getPresignsRefused)
                    .register(meters);
            Gauge.builder(METERS + ".in.flight", this, ChainOperations::getInFlight).register(meters);
        }
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
    }

    @Override
    protected void doStop() throws Exception {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
    }

    @Override
    public long getPayloadsDelivered() {
        return counters.delivered.get();
    }

    @Override
    public long getDeliveryFailures() {
        return counters.failures.get();
    }

    @Override
    public long getMessagesDeadLettered() {
        return counters.deadLettered.get();
    }

    @Override
    public long getBytesDelivered() {
        return counters.bytes.get();
    }

    @Override
    public long getPresignsIssued() {
        return sum("issued.");
    }

    @Override
    public long getPresignsRefused() {
        return sum("refused.");
    }

    @Override
    public int getInFlight() {
        return context.getInflightRepository().size(consumerRoute);
    }

    @Override
    public long getDeadLetterQueueDepth() {
        return redrive.depth();
    }

    @Override
    public boolean isConsuming() {
        return context.getRouteController().getRouteStatus(consumerRoute) == ServiceStatus.Started;
    }

    @Override
    public int redriveDeadLetters(int max) {
        return redrive.redrive(max);
    }

    @Override
    public void pauseConsumer() throws Exception {
        context.getRouteController().suspendRoute(consumerRoute);
    }

    @Override
    public void resumeConsumer() throws Exception {
        context.getRouteController().resumeRoute(consumerRoute);
    }

    @Override
    public String getLocalLatency() {
        return InjectionControl.of(context).latency();
    }

    @Override
    public void setLocalLatency(String latency) {
        InjectionControl.of(context).latency(latency);
    }

    @Override
    public String getLocalFaults() {
        return InjectionControl.of(context).faults();
    }

    @Override
    public void setLocalFaults(String faults) {
        InjectionControl.of(context).faults(faults);
    }

    private long sum(String prefix) {
        return apiCounters.get().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
