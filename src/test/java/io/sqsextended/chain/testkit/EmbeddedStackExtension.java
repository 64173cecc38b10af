package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local mode's embedded S3 and SQS alone, without the app (tests of the emulator and of code that needs only S3 and
 * SQS), for the tests of a class ({@code @RegisterExtension static}): started on a data dir of its own from the
 * project's template, its clients made when first asked for, all closed and the dir deleted after.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, AfterAllCallback {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Path dataDir;
    private LocalAws local;
    private S3Client s3;
    private SqsClient sqs;
    private S3Presigner presigner;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("embedded-stack");
        local = TestStacks.start(TestStacks.settings(dataDir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        opened.clear();
        s3 = null;
        sqs = null;
        presigner = null;
        local.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public LocalAws local() {
        return local;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String bucket() {
        return TestStacks.bucket(local);
    }

    public synchronized S3Client s3() {
        return s3 != null ? s3 : (s3 = opened(() -> AwsClients.s3(local.clientSettings())));
    }

    public synchronized SqsClient sqs() {
        return sqs != null ? sqs : (sqs = opened(() -> AwsClients.sqs(local.clientSettings())));
    }

    public synchronized S3Presigner presigner() {
        return presigner != null ? presigner : (presigner = opened(() -> AwsClients.presigner(local.clientSettings())));
    }

    /** The template's notification queue, which the bucket's events reach. */
    public Queues notifications() {
        return new Queues(sqs(), local.outputs().get("NotificationQueueName"));
    }

    private <T extends AutoCloseable> T opened(Supplier<T> open) {
        T resource = open.get();
        opened.add(resource);
        return resource;
    }
}
