package io.sqsextended.chain.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.Outages;
import io.sqsextended.chain.testkit.TestStacks;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import io.sqsextended.chain.testkit.RawPut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A producer that goes away in the middle of a PUT: the embedded S3 keeps the bytes it got in a temporary file,
 * which S3 would never show; once moved aside (at the latest when the stack starts again) the bucket lists cleanly.
 */
class ClientGoneDuringUploadTest {

    static final long SIZE = 8L << 20;

    @TempDir
    Path dataDir;

    @Test
    void aPutCutOffByItsClientLeavesNoObjectAndNoBrokenListing() throws Exception {
        LocalAws local = TestStacks.start(TestStacks.settings(dataDir));
        try (S3Client s3 = AwsClients.s3(local.clientSettings()); S3Presigner presigner = AwsClients.presigner(
                local.clientSettings())) {
            String bucket = TestStacks.bucket(local);
            String key = "input/client-gone/" + UUID.randomUUID() + ".bin";
            PresignedRequest put = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(p -> p.bucket(bucket).key(key).contentLength(SIZE)));
            try (RawPut cut = new RawPut(put, SIZE, SIZE / 4)) {
                cut.begin();
                await().until(() -> cut.sent.get() == SIZE / 4 && !temporaryFiles(key).isEmpty());
            }

            Outages.stopS3(local);
            Outages.startS3(local);

            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("input/client-gone/")).contents()).isEmpty();
            assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
            assertThat(temporaryFiles(key)).isEmpty();
            try (Stream<Path> aside = Files.walk(dataDir.resolve("incomplete-uploads"))) {
                assertThat(aside.filter(Files::isRegularFile).toList()).singleElement()
                        .satisfies(file -> assertThat(file.getFileName().toString()).startsWith(leaf(key) + "-"));
            }
        } finally {
            local.stop();
        }
    }

    /** The files S3Proxy writes an upload of {@code key} to before renaming it. */
    private List<Path> temporaryFiles(String key) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("s3"))) {
            return files.filter(file -> file.getFileName().toString().startsWith(leaf(key) + "-")).toList();
        }
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
