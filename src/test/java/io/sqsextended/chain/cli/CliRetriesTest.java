package io.sqsextended.chain.cli;

import java.nio.file.Path;
import java.util.Map;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.CliProcess;

import static io.sqsextended.chain.cli.CliUploadTest.MIB;
import static io.sqsextended.chain.cli.CliUploadTest.PRODUCER;
import static io.sqsextended.chain.cli.CliUploadTest.randomFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * S3 answering 503 to a share of requests, part URLs expiring: the client tries again and the upload still completes.
 */
class CliRetriesTest {

    @TempDir
    Path files;
    // one request in four refused: without retries, ten parts and a completion would rarely all pass
    // and URLs valid for 5 s while each S3 request waits 600 ms:
    // the later of ten parts sent one by one outlive their URLs
    @RegisterExtension
    static final ChainExtension chain = CliUploadTest.appFor(
            Map.of(ChainKeys.LOCAL_FAULTS.name(), "s3=0.25:503", PresignSettings.TTL.name(), "5s",
            ChainKeys.LOCAL_LATENCY.name(), "s3=600ms"));

    @Test
    void partsRefusedWithA503OrAnExpiredUrlAreSentAgainAndTheUploadCompletes() throws Exception {
        Path file = files.resolve("flaky.bin");
        byte[] body = randomFile(file, 48 * MIB);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", file.toString(), "--api", chain.api().toString(),
                "--retries", "8",
                "--parallel", "1");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("part URLs expired");
        String key = cli.out().strip();
        await().until(() -> !chain.downstream().deliveries().isEmpty() && chain.downstream().keys().contains(key));
        assertThat(chain.downstream().of(d -> d.delivered() && key.equals(d.key()))).singleElement()
                .satisfies(delivered -> assertThat(delivered.body()).isEqualTo(body));
    }
}
