package io.sqsextended.chain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.CliProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code upload FILE... --api URL}: files reach the consumer through the presign API, byte for byte, once; progress on
 * standard error is a bar where it is a terminal (or with {@code --progress}), elsewhere one line per file once done.
 */
class CliUploadTest {

    static final int MIB = 1024 * 1024;
    static final String PRODUCER = "dev-producer-token";
    /** What a terminal's cursor movements and colours begin with. */
    static final String ESCAPE = "\u001b[";
    static final String SECONDS = "\\d+\\.\\d s";
    static final String RATE = "\\(\\d+(\\.\\d)? (B|KiB|MiB|GiB)/s\\)";

    @TempDir
    Path files;
    @RegisterExtension
    static final ChainExtension chain = appFor(Map.of());

    /**
     * The consumer on, delivering to the recording downstream; multipart from 6 MiB in parts of S3's minimum (5 MiB),
     * so that a test file has several.
     */
    static ChainExtension appFor(Map<String, String> more) {
        return ChainExtension.app().consumer().recordingDownstream()
                .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                        PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"))
                        .properties(more);
    }

    @Test
    void aFileAboveTheMultipartThresholdReachesTheConsumerByteForByteOnce() throws Exception {
        byte[] body = randomFile(files.resolve("big.bin"), 23 * MIB);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", files.resolve("big.bin").toString(), "--api",
                chain.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String key = cli.out().strip();
        assertThat(key).matches("input/.*/big\\.bin");
        assertThat(chain.downstream().awaitKey(key).body()).isEqualTo(body);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> chain.downstream().ofKey(key).size() == 1);
        assertThat(Files.exists(UploadState.fileOf(files.resolve("big.bin")))).isFalse();
    }

    @Test
    void eachFilesKeyIsPrintedOnItsOwnLineInTheOrderGiven() throws Exception {
        byte[] small = randomFile(files.resolve("small.txt"), 1000);
        byte[] large = randomFile(files.resolve("large.bin"), 7 * MIB);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", files.resolve("small.txt").toString(),
                files.resolve("large.bin").toString(), "--api", chain.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String[] keys = cli.out().strip().split("\n");
        assertThat(keys).hasSize(2);
        assertThat(chain.downstream().awaitKey(keys[0]).body()).isEqualTo(small);
        assertThat(chain.downstream().awaitKey(keys[1]).body()).isEqualTo(large);
    }

    @Test
    void aWrongTokenFailsWithTheProblemsTitleAndNeverPrintsTheToken() throws Exception {
        randomFile(files.resolve("refused.bin"), 1000);
        String token = "not-a-known-token-0123456789";

        CliProcess cli = CliProcess.start(files, token, "upload", files.resolve("refused.bin").toString(), "--api",
                chain.api().toString());

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("Unauthorized");
        assertThat(cli.out() + cli.err()).doesNotContain(token);
    }

    @Test
    void noTokenFailsSayingHowToGiveOne() throws Exception {
        randomFile(files.resolve("anonymous.bin"), 10);

        CliProcess cli = CliProcess.start(files, null, "upload", files.resolve("anonymous.bin").toString(), "--api",
                chain.api().toString());

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("CHAIN_TOKEN");
    }

    @Test
    void aMistypedTokenOptionIsNotRepeatedInTheError() throws Exception {
        String token = "secret-token-typed-in-0123456789";

        CliProcess cli = CliProcess.start(files, null, "upload", "some.bin", "--api", chain.api().toString(),
                "--tokne=" + token);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown options").doesNotContain(token);
    }

    @Test
    void intoAPipeNoBarIsDrawn() throws Exception {
        randomFile(files.resolve("big.bin"), 7 * MIB);

        CliProcess cli = upload("big.bin");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain(ESCAPE).doesNotContain("\r").doesNotContain("%");
    }

    @Test
    void intoAPipeEachUploadedFileGetsOneLineWithItsSizeDurationAndRate() throws Exception {
        randomFile(files.resolve("small.txt"), 1000);
        randomFile(files.resolve("large.bin"), 7 * MIB);

        CliProcess cli = upload("small.txt", "large.bin");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err().lines()).hasSize(2);
        assertThat(cli.err().lines().toList().get(0))
                .matches(Pattern.quote(files.resolve("small.txt").toString()) + ": uploaded 1000 B in " + SECONDS + " "
                        + RATE);
        assertThat(cli.err().lines().toList().get(1))
                .matches(Pattern.quote(files.resolve("large.bin").toString()) + ": uploaded 7\\.0 MiB in " + SECONDS
                        + " " + RATE);
    }

    @Test
    void progressDrawsTheBarIntoAPipe() throws Exception {
        randomFile(files.resolve("forced.bin"), 7 * MIB);

        CliProcess cli = upload("forced.bin", "--progress");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("\r").contains("forced.bin 100%");
    }

    @Test
    void theBarOfAFileUnderAMebibyteCountsItInAUnitItFills() throws Exception {
        randomFile(files.resolve("tiny.txt"), 1000);

        CliProcess cli = upload("tiny.txt", "--progress");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("1000/1000B").doesNotContain("0/0MiB");
    }

    @Test
    void onATerminalTheBarIsDrawnWhileStandardOutputIsRedirected() throws Exception {
        randomFile(files.resolve("shown.bin"), 7 * MIB);

        CliProcess cli = CliProcess.startOnTerminal(files, PRODUCER, "upload", files.resolve("shown.bin").toString(),
                "--api", chain.api().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("shown.bin 100%");
        assertThat(cli.out().strip()).endsWith("/shown.bin");
    }

    @Test
    void noProgressPrintsTheLineOnATerminal() throws Exception {
        randomFile(files.resolve("quiet.bin"), 7 * MIB);

        CliProcess cli = CliProcess.startOnTerminal(files, PRODUCER, "upload", files.resolve("quiet.bin").toString(),
                "--api",
                chain.api().toString(), "--no-progress");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain(ESCAPE).contains("quiet.bin: uploaded 7.0 MiB in ");
    }

    /** {@code upload} of the files named (in {@link #files}) with the options among them. */
    private CliProcess upload(String... namesAndOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("upload"));
        for (String arg : namesAndOptions) {
            command.add(arg.startsWith("--") ? arg : files.resolve(arg).toString());
        }
        command.addAll(List.of("--api", chain.api().toString()));
        return CliProcess.start(files, PRODUCER, command.toArray(String[]::new));
    }

    static byte[] randomFile(Path file, int length) throws Exception {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        Files.write(file, bytes);
        return bytes;
    }
}
