package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app for the tests of a class ({@code @RegisterExtension static})
 * or for each test (an instance field), in local mode on a data dir of its own: started before, closed after with every
 * client it handed out. Options mirror
 * {@link ChainApp.Builder}; {@link #startInTest()} leaves the start (with settings of the test's own) to the test.
 */
public final class ChainExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** A step run with the extension, e.g. routes added after the start; may throw. */
    @FunctionalInterface
    public interface Step {
        void run(ChainExtension chain) throws Exception;
    }

    private final List<UnaryOperator<ChainApp.Builder>> options = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<Step> beforeStart = new ArrayList<>();
    private final List<Step> afterStart = new ArrayList<>();
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final RecordingDownstream downstream = new RecordingDownstream();
    private Function<ChainExtension, Path> dataDir = chain -> chain.dir("data");
    private boolean recording;
    private boolean startInTest;
    private boolean perClass;
    private Path root;
    private ChainApp app;
    private S3Client s3;
    private SqsClient sqs;
    private S3Presigner presigner;
    private Queues queues;
    private ApiClient client;

    private ChainExtension() {
    }

    /** The app as {@link ChainApp.Builder} starts it: local mode, consumer off. */
    public static ChainExtension app() {
        return new ChainExtension();
    }

    /**
     * The app of the reliability tests: consumer on, the recording downstream, and secrets of its own
     * ({@link UniqueSecrets}) so that a log line containing one is a leak beyond doubt.
     */
    public static ChainExtension withUniqueSecrets() {
        // a graceful stop waits for the poll under way; these tests wait for their messages before stopping
        return app().consumer().recordingDownstream().property("camel.main.shutdown-timeout", "5")
                .properties(UniqueSecrets.properties());
    }

    public ChainExtension consumer() {
        return option(ChainApp.Builder::consumer);
    }

    public ChainExtension downstream(String uri) {
        return option(builder -> builder.downstream(uri));
    }

    /** Payloads go to {@link #downstream()} (a later {@link #downstream(String)} may route them there another way). */
    public ChainExtension recordingDownstream() {
        recording = true;
        return downstream(RecordingDownstream.URI);
    }

    public ChainExtension property(String key, String value) {
        return option(builder -> builder.property(key, value));
    }

    /** A setting known only once the extension runs (a path in its directory, the URL of a server started before). */
    public ChainExtension property(String key, Function<ChainExtension, String> value) {
        return option(builder -> builder.property(key, value.apply(this)));
    }

    public ChainExtension properties(Map<String, String> more) {
        return option(builder -> builder.properties(more));
    }

    /** A JVM system property for the app's life (local mode reads template parameters before override properties). */
    public ChainExtension systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** The data dir, when not the extension's own (e.g. on a small disk mounted by a {@link #beforeStart} step). */
    public ChainExtension dataDir(Function<ChainExtension, Path> where) {
        dataDir = where;
        return this;
    }

    public ChainExtension beforeStart(Step step) {
        beforeStart.add(step);
        return this;
    }

    public ChainExtension afterStart(Step step) {
        afterStart.add(step);
        return this;
    }

    /** The test starts the app ({@link #start()}), maybe after adding settings; the extension still closes it. */
    public ChainExtension startInTest() {
        startInTest = true;
        return this;
    }

    private ChainExtension option(UnaryOperator<ChainApp.Builder> option) {
        options.add(option);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        if (!startInTest) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass && !startInTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** Starts the app with the options given so far (and runs the steps before and after). */
    public ChainApp start() throws Exception {
        if (app != null) {
            throw new IllegalStateException("The app runs already: stop() it first, or startAnother()");
        }
        systemProperties.forEach(System::setProperty);
        for (Step step : beforeStart) {
            step.run(this);
        }
        app = configured(ChainApp.builder(dataDir.apply(this))).start();
        if (recording) {
            downstream.addTo(app.context());
        }
        for (Step step : afterStart) {
            step.run(this);
        }
        return app;
    }

    /** One more app, closed with this one: on {@code dataDir}, with only the settings {@code options} gives it. */
    public ChainApp startAnother(Path dataDir, UnaryOperator<ChainApp.Builder> options) throws Exception {
        return closing(options.apply(ChainApp.builder(dataDir)).start());
    }

    /** Closes {@code resource} after the app (the last registered first); returns it. */
    public <T extends AutoCloseable> T closing(T resource) {
        closing.push(resource);
        return resource;
    }

    private ChainApp.Builder configured(ChainApp.Builder builder) {
        ChainApp.Builder configured = builder;
        for (UnaryOperator<ChainApp.Builder> option : options) {
            configured = option.apply(configured);
        }
        return configured;
    }

    /** The running app. */
    public ChainApp running() {
        if (app == null) {
            throw new IllegalStateException("The app is not started");
        }
        return app;
    }

    public CamelContext context() {
        return running().context();
    }

    public URI api() {
        return running().api();
    }

    public URI management() {
        return running().management();
    }

    public LocalAws localAws() {
        return running().localAws();
    }

    public String property(String key) {
        return running().property(key);
    }

    public String bucket() {
        return property(ChainKeys.BUCKET.name());
    }

    /** Settings for clients of the app's S3 and SQS. */
    public AwsSettings clientSettings() {
        return running().clientSettings();
    }

    /** A client of the app's S3, closed with the app. */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = AwsClients.s3(clientSettings());
        }
        return s3;
    }

    /** A client of the app's SQS, closed with the app. */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = AwsClients.sqs(clientSettings());
        }
        return sqs;
    }

    /** A presigner for the app's S3, closed with the app. */
    public synchronized S3Presigner presigner() {
        if (presigner == null) {
            presigner = AwsClients.presigner(clientSettings());
        }
        return presigner;
    }

    /** The app's notification and dead-letter queues, read through {@link #sqs()}. */
    public synchronized Queues queues() {
        if (queues == null) {
            queues = Queues.of(running(), sqs());
        }
        return queues;
    }

    /** A client of the app's HTTP API. */
    public synchronized ApiClient client() {
        if (client == null) {
            client = new ApiClient(api());
        }
        return client;
    }

    /** The downstream {@link #recordingDownstream()} routes payloads to. */
    public RecordingDownstream downstream() {
        return downstream;
    }

    /** The data dir the app runs on. */
    public Path dataDir() {
        return dataDir.apply(this);
    }

    /** A directory of the extension's own, {@code name} under its temporary directory, made if missing. */
    public Path dir(String name) {
        try {
            if (root == null) {
                root = Files.createTempDirectory("chain-test");
            }
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the app before the extension would (a test of what a stop does, or of what a finished run left). */
    public void stop() {
        stopApp();
    }

    private synchronized void stopApp() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (sqs != null) {
            sqs.close();
            sqs = null;
        }
        if (presigner != null) {
            presigner.close();
            presigner = null;
        }
        queues = null;
        client = null;
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private void close() throws Exception {
        stopApp();
        while (!closing.isEmpty()) {
            closing.pop().close();
        }
        systemProperties.keySet().forEach(System::clearProperty);
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            root = null;
        }
    }
}
