package io.sqsextended.chain.management;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.management.ObjectName;

import io.micrometer.core.instrument.FunctionCounter;
import io.sqsextended.chain.config.InjectionControl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.queues.SourceQueue;
import io.sqsextended.chain.consumer.queues.SourceQueues;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.service.ServiceSupport;

/** The {@link ChainOperationsMBean}, registered on the platform MBean server while the context runs. */
final class ChainOperations extends ServiceSupport implements ChainOperationsMBean {

    static final String OBJECT_NAME = "io.sqsextended:type=Chain";
    /** Namespace of the Micrometer meters (Prometheus: {@code chain_payloads_delivered_total}, ...). */
    private static final String METERS = "chain";
    /** The tag of the meters kept per source queue. */
    private static final String QUEUE_TAG = "queue";

    private final CamelContext context;
    private final Supplier<SourceQueues> queues;
    private final ChainCounters counters;
    private final Supplier<DeadLetterQueues> deadLettersFactory;
    private final Supplier<Map<String, Long>> apiCounters;
    private DeadLetterQueues deadLetters;

    /** @param queues the queues consumed, looked up once the routes are built */
    ChainOperations(CamelContext context, Supplier<SourceQueues> queues, ChainCounters counters,
            Supplier<DeadLetterQueues> deadLettersFactory, Supplier<Map<String, Long>> apiCounters) {
        this.context = context;
        this.queues = queues;
        this.counters = counters;
        this.deadLettersFactory = deadLettersFactory;
        this.apiCounters = apiCounters;
    }

    @Override
    protected void doStart() throws Exception {
        deadLetters = deadLettersFactory.get();
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            // one series per source queue (tag queue): sum() over them is the chain's
            for (SourceQueue queue : queues.get().all()) {
                ChainCounters.Counts counts = counters.queue(queue.name());
                Tags tag = Tags.of(QUEUE_TAG, queue.name());
                FunctionCounter.builder(METERS + ".payloads.delivered", counts, c -> c.delivered.get()).tags(tag)
                        .register(meters);
                FunctionCounter.builder(METERS + ".delivery.failures", counts, c -> c.failures.get()).tags(tag)
                        .register(meters);
                FunctionCounter.builder(METERS + ".messages.dead.lettered", counts, c -> c.deadLettered.get())
                        .tags(tag).register(meters);
                FunctionCounter.builder(METERS + ".bytes.delivered", counts, c -> c.bytes.get()).tags(tag)
                        .baseUnit("bytes").register(meters);
                Gauge.builder(METERS + ".in.flight", () -> inFlight(queue)).tags(tag).register(meters);
                // an SQS call: read at most every DeadLetterQueues.GAUGE_MILLIS, whatever the scrapes
                Gauge.builder(METERS + ".dead.letter.queue.depth", () -> deadLetters.gauged(queue)).tags(tag)
                        .register(meters);
            }
            FunctionCounter.builder(METERS + ".presigns.issued", this, ChainOperations::getPresignsIssued)
                    .register(meters);
            FunctionCounter.builder(METERS + ".presigns.refused", this, ChainOperations::getPresignsRefused)
                    .register(meters);
        }
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
    }

    @Override
    protected void doStop() throws Exception {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
    }

    @Override
    public long getPayloadsDelivered() {
        return counters.total(c -> c.delivered);
    }

    @Override
    public long getDeliveryFailures() {
        return counters.total(c -> c.failures);
    }

    @Override
    public long getMessagesDeadLettered() {
        return counters.total(c -> c.deadLettered);
    }

    @Override
    public long getBytesDelivered() {
        return counters.total(c -> c.bytes);
    }

    @Override
    public Map<String, Long> getPayloadsDeliveredByQueue() {
        return byQueue(queue -> counters.queue(queue.name()).delivered.get());
    }

    @Override
    public Map<String, Long> getDeliveryFailuresByQueue() {
        return byQueue(queue -> counters.queue(queue.name()).failures.get());
    }

    @Override
    public Map<String, Long> getMessagesDeadLetteredByQueue() {
        return byQueue(queue -> counters.queue(queue.name()).deadLettered.get());
    }

    @Override
    public Map<String, Integer> getInFlightByQueue() {
        return byQueue(this::inFlight);
    }

    @Override
    public Map<String, Boolean> getConsumingByQueue() {
        return byQueue(this::consuming);
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
        return queues.get().all().stream().mapToInt(this::inFlight).sum();
    }

    @Override
    public long getDeadLetterQueueDepth() {
        return deadLetters.notification().depth();
    }

    @Override
    public Map<String, Long> getDeadLetterQueueDepthByQueue() {
        return byQueue(queue -> deadLetters.of(queue).depth());
    }

    @Override
    public boolean isConsuming() {
        return queues.get().all().stream().anyMatch(this::consuming);
    }

    @Override
    public int redriveDeadLetters(int max) {
        return deadLetters.notification().redrive(max);
    }

    @Override
    public int redriveDeadLettersOf(String queue, int max) {
        return deadLetters.of(queue(queue)).redrive(max);
    }

    @Override
    public void pauseConsumer() throws Exception {
        for (SourceQueue queue : queues.get().all()) {
            context.getRouteController().suspendRoute(queue.routeId());
        }
    }

    @Override
    public void resumeConsumer() throws Exception {
        for (SourceQueue queue : queues.get().all()) {
            context.getRouteController().resumeRoute(queue.routeId());
        }
    }

    @Override
    public void pauseQueue(String queue) throws Exception {
        context.getRouteController().suspendRoute(queue(queue).routeId());
    }

    @Override
    public void resumeQueue(String queue) throws Exception {
        context.getRouteController().resumeRoute(queue(queue).routeId());
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

    private SourceQueue queue(String name) {
        return queues.get().all().stream().filter(queue -> queue.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a queue the chain consumes: " + name + " ("
                        + ConsumerSettings.QUEUES.name() + ": " + queues.get().all() + ")"));
    }

    private int inFlight(SourceQueue queue) {
        return context.getInflightRepository().size(queue.routeId());
    }

    private boolean consuming(SourceQueue queue) {
        return context.getRouteController().getRouteStatus(queue.routeId()) == ServiceStatus.Started;
    }

    /** A value per queue consumed, in the order of {@code chain.consumer.queues}. */
    private <T> Map<String, T> byQueue(Function<SourceQueue, T> value) {
        Map<String, T> values = new LinkedHashMap<>();
        queues.get().all().forEach(queue -> values.put(queue.name(), value.apply(queue)));
        return values;
    }

    private long sum(String prefix) {
        return apiCounters.get().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
