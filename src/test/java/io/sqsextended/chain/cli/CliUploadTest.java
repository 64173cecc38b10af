package io.sqsextended.chain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.RecordingDownstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code upload FILE... --api URL}: files reach the consumer through the presign API, byte for byte, once. */
class CliUploadTest {

    static final int MIB = 1024 * 1024;
    static final String PRODUCER = "dev-producer-token";

    @TempDir
    static Path dataDir;
    @TempDir
    Path files;
    static ChainApp app;
    static final RecordingDownstream downstream = new RecordingDownstream();

    @BeforeAll
    static void startApp() throws Exception {
        app = appFor(dataDir, downstream, Map.of());
    }

    /** The consumer on, delivering to {@code downstream}; multipart from 6 MiB in parts of S3's minimum (5 MiB), so that a test file has several. */
    static ChainApp appFor(Path dataDir, RecordingDownstream downstream, Map<String, String> more) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("chain.upload.multipart-threshold", "6MiB", "chain.upload.part-size", "5MiB"));
        properties.putAll(more);
        ChainApp app = ChainApp.builder(dataDir).consumer().downstream(RecordingDownstream.URI).properties(properties).start();
        downstream.addTo(app.context());
        return app;
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void aFileAboveTheMultipartThresholdReachesTheConsumerByteForByteOnce() throws Exception {
        byte[] body = randomFile(files.resolve("big.bin"), 23 * MIB);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", files.resolve("big.bin").toString(), "--api", app.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String key = cli.out().strip();
        assertThat(key).matches("input/.*/big\\.bin");
        assertThat(downstream.awaitKey(key).body()).isEqualTo(body);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> downstream.ofKey(key).size() == 1);
        assertThat(Files.exists(UploadState.fileOf(files.resolve("big.bin")))).isFalse();
    }

    @Test
    void eachFilesKeyIsPrintedOnItsOwnLineInTheOrderGiven() throws Exception {
        byte[] small = randomFile(files.resolve("small.txt"), 1000);
        byte[] large = randomFile(files.resolve("large.bin"), 7 * MIB);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", files.resolve("small.txt").toString(),
                files.resolve("large.bin").toString(), "--api", app.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String[] keys = cli.out().strip().split("\n");
        assertThat(keys).hasSize(2);
        assertThat(downstream.awaitKey(keys[0]).body()).isEqualTo(small);
        assertThat(downstream.awaitKey(keys[1]).body()).isEqualTo(large);
    }

    @Test
    void aWrongTokenFailsWithTheProblemsTitleAndNeverPrintsTheToken() throws Exception {
        randomFile(files.resolve("refused.bin"), 1000);
        String token = "not-a-known-token-0123456789";

        CliProcess cli = CliProcess.start(files, token, "upload", files.resolve("refused.bin").toString(), "--api", app.api().toString());

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("Unauthorized");
        assertThat(cli.out() + cli.err()).doesNotContain(token);
    }

    @Test
    void noTokenFailsSayingHowToGiveOne() throws Exception {
        randomFile(files.resolve("anonymous.bin"), 10);

        CliProcess cli = CliProcess.start(files, null, "upload", files.resolve("anonymous.bin").toString(), "--api", app.api().toString());

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("CHAIN_TOKEN");
    }

    @Test
    void aMistypedTokenOptionIsNotRepeatedInTheError() throws Exception {
        String token = "secret-token-typed-in-0123456789";

        CliProcess cli = CliProcess.start(files, null, "upload", "some.bin", "--api", app.api().toString(), "--tokne=" + token);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown options").doesNotContain(token);
    }

    static byte[] randomFile(Path file, int length) throws Exception {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        Files.write(file, bytes);
        return bytes;
    }
}
