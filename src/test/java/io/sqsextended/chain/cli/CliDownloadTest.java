package io.sqsextended.chain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.CliProcess;

import static io.sqsextended.chain.cli.CliUploadTest.MIB;
import static io.sqsextended.chain.cli.CliUploadTest.PRODUCER;
import static io.sqsextended.chain.cli.CliUploadTest.RATE;
import static io.sqsextended.chain.cli.CliUploadTest.SECONDS;
import static io.sqsextended.chain.cli.CliUploadTest.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code download KEY -o FILE --api URL}: the object's bytes, checked against S3's checksum, continued after an
 * interruption.
 */
class CliDownloadTest {

    static final String CONSUMER = "dev-consumer-token";

    @TempDir
    static Path uploads;
    @TempDir
    Path files;
    static byte[] body;
    static String key;
    static String eTag;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app()
            .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "6MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));

    @BeforeAll
    static void uploadAnObject() throws Exception {
        body = randomFile(uploads.resolve("object.bin"), 9 * MIB);
        CliProcess upload = CliProcess.start(uploads, PRODUCER, "upload", uploads.resolve("object.bin").toString(),
                "--api", chain.api().toString());
        assertThat(upload.exitCode()).as(upload.err()).isZero();
        key = upload.out().strip();
        eTag = chain.s3().headObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key)).eTag();
    }

    @Test
    void downloadsTheObjectByteForByte() throws Exception {
        Path file = files.resolve("out.bin");

        CliProcess cli = download(file);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out().strip()).isEqualTo(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        assertThat(Files.exists(DownloadState.partialOf(file))).isFalse();
        assertThat(Files.exists(DownloadState.fileOf(file))).isFalse();
    }

    @Test
    void anInterruptedDownloadContinuesFromTheBytesItHas() throws Exception {
        Path file = files.resolve("continued.bin");
        leftByAnEarlierRun(file, Arrays.copyOf(body, 3 * MIB));

        CliProcess cli = download(file);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("resuming at byte " + 3 * MIB + " of " + body.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
    }

    @Test
    void bytesWithoutTheObjectsChecksumAreNotKept() throws Exception {
        Path file = files.resolve("corrupt.bin");
        // the start of another file: appended to, the whole has another checksum than the object
        leftByAnEarlierRun(file, new byte[3 * MIB]);

        CliProcess cli = download(file);

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("checksum");
        assertThat(Files.exists(file)).isFalse();
        assertThat(Files.exists(DownloadState.partialOf(file))).isFalse();
    }

    @Test
    void intoAPipeADownloadedFileGetsOneLineWithItsSizeDurationAndRate() throws Exception {
        Path file = files.resolve("copy.bin");

        CliProcess cli = download(file);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err().strip()).matches(Pattern.quote(file.toString()) + ": downloaded 9\\.0 MiB in " + SECONDS
                + " " + RATE);
    }

    @Test
    void theLineOfAResumedDownloadCountsTheBytesOfThisRunApart() throws Exception {
        Path file = files.resolve("continued.bin");
        leftByAnEarlierRun(file, Arrays.copyOf(body, 3 * MIB));

        CliProcess cli = download(file);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).containsPattern(Pattern.quote(file.toString())
                + ": downloaded 9\\.0 MiB, 6\\.0 MiB of it in " + SECONDS + " "
                + RATE + ", the rest by an earlier run");
    }

    @Test
    void aProducerTokenIsRefusedWithTheProblemsTitle() throws Exception {
        CliProcess cli = CliProcess.start(files, PRODUCER, "download", key, "-o", files.resolve("refused.bin")
                .toString(),
                "--api", chain.api().toString());

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("Forbidden").doesNotContain(PRODUCER);
    }

    private CliProcess download(Path file) throws Exception {
        return CliProcess.start(files, CONSUMER, "download", key, "-o", file.toString(), "--api", chain.api()
                .toString());
    }

    /** What a run killed after {@code start} bytes leaves: the partial file and the state naming the object. */
    private static void leftByAnEarlierRun(Path file, byte[] start) throws Exception {
        Files.write(DownloadState.partialOf(file), start);
        new DownloadState(key, eTag, body.length).save(file);
    }
}
