package io.sqsextended.chain.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.wire.AwsSettings;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The packaged jar in a process of its own, as an operator starts it, with its output captured. Its servers bind free
 * ports of their own (port 0), read back from the line the app logs once started ({@link #api()} and the others); a
 * {@link #restart()} binds the same ones again. The benchmarks (bench/) launch the jar through it too.
 */
public final class RunningJar implements AutoCloseable {

    public static final String JAR = System.getProperty("chaintest.jar", "target/sqs-extended-chain.jar");
    private static final String BOUND_PORTS = "Bound ports: ";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    // short: the benchmarks time these waits (start-up, the n-th payload drained)
    private static final Duration POLL = Duration.ofMillis(5);
    private static final int TAIL = 200;
    // free ports: management on a setting distinct from the API's,
    // or Camel would serve it on the API's server (see ChainApp)
    private static final Map<String,
            String> FREE_PORTS = Map.of("camel.server.port", "0", "camel.management.port", "-1",
            ChainKeys.LOCAL_S3_PORT.name(), "0", ChainKeys.LOCAL_SQS_PORT.name(), "0");

    private final Path jar;
    private final Path home;
    private final List<String> output;
    private final List<String> properties;
    private final Map<String, String> environment;
    private final int firstLine;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final Thread reader;
    private Map<String, Integer> ports;
    /** Per text: {lines of the output looked at, of those the ones containing it}; each count reads only new lines. */
    private final Map<String, long[]> tallies = new HashMap<>();

    /**
     * {@code environment}: variables of the jar's process (a port set there is not given free ports: a {@code -D} would
     * win); {@code pinned}: port settings after the test's own, for a restart on the ports bound before.
     */
    private RunningJar(Path jar, Path home, List<String> output, List<String> properties, Map<String,
            String> environment,
                       List<String> pinned) throws IOException {
        this.jar = jar;
        this.home = Files.createDirectories(home);
        this.output = output;
        this.properties = List.copyOf(properties);
        this.environment = Map.copyOf(environment);
        this.firstLine = output.size();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        FREE_PORTS.forEach((key, port) -> {
            if (!environment.containsKey(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))) {
                command.add("-D" + key + "=" + port);
            }
        });
        command.addAll(properties);
        command.addAll(pinned);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CHAIN_")
                || name.startsWith("CAMEL_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException e) {
                // the process ended and its stream was closed
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the jar with these {@code -D} settings and JVM options (a {@code -Xmx} of their own overrides the default
     * heap: the last one counts), without any AWS credentials in reach, in {@code home} (created if need be).
     */
    public static RunningJar start(Path home, String... properties) throws IOException {
        // not copy-on-write: a jar that logs a line per payload would cost a copy of the whole list per line
        return start(home, Collections.synchronizedList(new ArrayList<>()), List.of(properties));
    }

    /** Starts the jar appending its output to {@code output}, a thread-safe list that may span restarts. */
    public static RunningJar start(Path home, List<String> output, List<String> properties) throws IOException {
        return new RunningJar(Path.of(JAR), home, output, properties, Map.of(), List.of());
    }

    /**
     * Starts the jar with these variables in its environment (as a container is configured) and these {@code -D}
     * settings.
     */
    public static RunningJar startWithEnvironment(Path home, Map<String, String> environment, String... properties)
            throws IOException {
        return new RunningJar(Path.of(JAR), home, Collections.synchronizedList(new ArrayList<>()), List.of(properties),
                environment, List.of());
    }

    /** Starts another build of the app, e.g. the jar of an earlier commit that a benchmark compares with. */
    public static RunningJar startJar(Path jar, Path home, String... properties) throws IOException {
        return new RunningJar(jar, home, Collections.synchronizedList(new ArrayList<>()), List.of(properties),
                Map.of(), List.of());
    }

    /**
     * Starts the jar again in the same home, with the same settings and output, on the ports this start bound: the data
     * dir and its endpoints stay. This one must have ended; a port taken meanwhile fails the new start.
     */
    public RunningJar restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("Stop or kill the jar before starting it again");
        }
        List<String> pinned = new ArrayList<>(List.of("-Dcamel.server.port=" + api().getPort(),
                "-Dcamel.management.port=" + management().getPort()));
        if (ports().containsKey("s3")) {
            pinned.addAll(List.of("-Dchain.local.s3-port=" + s3().getPort(), "-Dchain.local.sqs-port=" + sqs()
                    .getPort()));
        }
        return new RunningJar(jar, home, output, properties, environment, pinned);
    }

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:12345}, once the jar has started. */
    public URI api() {
        return endpoint("api");
    }

    /** Base URI of the management server (health, metrics). */
    public URI management() {
        return endpoint("management");
    }

    /** Endpoint of the embedded S3 (local mode). */
    public URI s3() {
        return endpoint("s3");
    }

    /** Endpoint of the embedded SQS (local mode). */
    public URI sqs() {
        return endpoint("sqs");
    }

    /**
     * Settings that point a jar in aws mode at these endpoints and keys (e.g. another app's embedded S3 and SQS) and at
     * this bucket and these queues; the caller adds its own auth settings (aws mode refuses the development tokens).
     */
    public static List<String> awsMode(AwsSettings endpoints, String bucket, String queue, String deadLetterQueue) {
        return List.of("-Dchain.mode=aws", "-Dchain.region=" + endpoints.region(),
                "-Dchain.aws.s3-endpoint-override=" + endpoints.s3Endpoint(), "-Dchain.aws.sqs-endpoint-override="
                        + endpoints.sqsEndpoint(),
                "-Dchain.aws.access-key=" + endpoints.accessKey(), "-Dchain.aws.secret-key=" + endpoints.secretKey(),
                "-Dchain.bucket=" + bucket, "-Dchain.queue=" + queue, "-Dchain.dead-letter-queue=" + deadLetterQueue);
    }

    /** Settings for test clients of the embedded S3 and SQS, with local mode's default keys. */
    public AwsSettings clientSettings() {
        return new AwsSettings("us-east-1", s3(), sqs(), "local-access-key", "local-secret-key");
    }

    private URI endpoint(String name) {
        Integer port = ports().get(name);
        if (port == null) {
            throw new IllegalStateException("The jar bound no " + name + " port: " + ports);
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The ports of this start's {@code Bound ports:} line, waited for. */
    private synchronized Map<String, Integer> ports() {
        if (ports == null) {
            awaitOutput(BOUND_PORTS, firstLine, STARTUP);
            String line = linesFrom(firstLine).stream().filter(l -> l.contains(BOUND_PORTS)).findFirst().orElseThrow();
            // e.g. "... BoundPorts - Bound ports: api=41234 management=41235 s3=41236 sqs=41237"
            ports = Arrays.stream(line.substring(line.indexOf(BOUND_PORTS) + BOUND_PORTS.length()).trim().split(" "))
                    .map(entry -> entry.split("="))
                    .collect(Collectors.toUnmodifiableMap(entry -> entry[0], entry -> Integer.parseInt(entry[1])));
        }
        return ports;
    }

    /** Waits for a line of this start's output containing {@code text}; returns the seconds since the start. */
    public double awaitOutput(String text, Duration timeout) {
        return awaitOutput(text, firstLine, timeout);
    }

    /** The same, looking only at the lines from {@code fromLine} on (the output of this start, not of earlier ones). */
    public double awaitOutput(String text, int fromLine, Duration timeout) {
        awaitUntil(() -> linesFrom(fromLine).stream().anyMatch(line -> line.contains(text)), timeout, ()
                -> "printing '" + text + "'");
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Lines of this start's output so far that contain {@code text}. */
    public long count(String text) {
        synchronized (tallies) {
            long[] tally = tallies.computeIfAbsent(text, t -> new long[] {firstLine, 0});
            // the output only grows: the lines below its size now are there to read
            for (int size = output.size(); tally[0] < size; tally[0]++) {
                if (output.get((int) tally[0]).contains(text)) {
                    tally[1]++;
                }
            }
            return tally[1];
        }
    }

    /** Waits until {@code count} lines of this start's output contain {@code text}. */
    public void awaitCount(String text, long count, Duration timeout) {
        awaitUntil(() -> count(text) >= count, timeout, () -> count + " lines with '" + text + "' (" + count(text)
                + " so far)");
    }

    private void awaitUntil(BooleanSupplier reached, Duration timeout, Supplier<String> what) {
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> reached.getAsBoolean() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            // told below, with the output
        }
        if (!reached.getAsBoolean()) {
            List<String> lines = linesFrom(firstLine);
            throw new AssertionError("The jar " + (process.isAlive() ? "is still running" : "ended") + " without "
                    + what.get()
                    + "; its last lines:\n" + String.join("\n",
                            lines.subList(Math.max(0, lines.size() - TAIL), lines.size())));
        }
    }

    /** A snapshot: a view of the list would fail (ConcurrentModificationException) while the reader appends to it. */
    private List<String> linesFrom(int fromLine) {
        List<String> lines = List.copyOf(output);
        return lines.subList(Math.min(fromLine, lines.size()), lines.size());
    }

    /** What the jar printed so far, over its restarts: a snapshot. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * A JMX connection to the jar's MBeans through the JDK's local agent (the attach API, as jconsole does): no port
     * to choose or race for, no password, open to this OS user only.
     */
    public JMXConnector jmx() throws IOException {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
            try {
                return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("Cannot attach to the jar's JVM (pid " + process.pid() + ")", e);
        }
    }

    /**
     * Waits until the queue consumer is in a receive (the MBean of route chain-consume's consumer, attribute Polling):
     * idle in its long poll once nothing is queued.
     */
    public void awaitConsumerPolling(Duration timeout) throws IOException {
        try (JMXConnector connector = jmx()) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName consumer = null;
            for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:type=consumers,*"), null)) {
                if ("chain-consume".equals(mbeans.getAttribute(name, "RouteId"))) {
                    consumer = name;
                }
            }
            if (consumer == null) {
                throw new AssertionError("The jar has no consumer of route chain-consume");
            }
            ObjectName polling = consumer;
            await().atMost(timeout).pollInterval(POLL)
                    .until(() -> Boolean.TRUE.equals(mbeans.getAttribute(polling, "Polling")));
        } catch (JMException e) {
            throw new IOException("Cannot read the consumer's MBean", e);
        }
    }

    /**
     * Stops the jar as an orchestrator does (SIGTERM: exit code 143 after a graceful shutdown) and returns its exit
     * code.
     */
    public int stop() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output stream
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** kill -9: no shutdown hook, no graceful stop. Returns once all it printed is in {@link #output()}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** Waits up to {@code timeout} for the jar to end on its own; its exit code, or empty while it still runs. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        reader.join(5_000);
        return Optional.of(process.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
