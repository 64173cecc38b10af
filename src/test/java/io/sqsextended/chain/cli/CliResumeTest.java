package io.sqsextended.chain.cli;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.config.ChainKeys;
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

/** An upload killed half-way continues where it stopped when the same command runs again. */
class CliResumeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int PARTS = 6;

    @TempDir
    Path files;
    // every S3 request waits, so that the test sees the parts arrive one by one and kills the client between them
    @RegisterExtension
    static final ChainExtension chain = CliUploadTest.appFor(Map.of(ChainKeys.LOCAL_LATENCY.name(), "s3=400ms"));

    @Test
    void theSameCommandAfterAKillSendsOnlyTheMissingPartsAndThePayloadArrivesOnce() throws Exception {
        Path file = files.resolve("resumed.bin");
        byte[] body = randomFile(file, (PARTS - 1) * 5 * MIB + 1234);
        String[] command = {"upload", file.toString(), "--api", chain.api().toString(), "--parallel", "1"};
        CliProcess first = CliProcess.start(files, PRODUCER, command);
        Path stateFile = UploadState.fileOf(file);
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(stateFile));
        UploadState state = JSON.readValue(stateFile.toFile(), UploadState.class);
        await().atMost(Duration.ofMinutes(1)).until(() -> storedParts(state) >= 2);

        first.kill();
        CliProcess second = CliProcess.start(files, PRODUCER, command);

        assertThat(second.exitCode()).as(second.err()).isZero();
        Matcher resumed = Pattern.compile("resuming, (\\d+) parts already uploaded, (\\d+) to send")
                .matcher(second.err());
        assertThat(resumed.find()).as(second.err()).isTrue();
        assertThat(Integer.parseInt(resumed.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(resumed.group(1)) + Integer.parseInt(resumed.group(2))).isEqualTo(PARTS);
        String key = second.out().strip();
        assertThat(key).isEqualTo(state.key());
        assertThat(chain.downstream().awaitKey(key).body()).isEqualTo(body);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> chain.downstream().ofKey(key).size() == 1);
    }

    @Test
    void noResumeStartsAnotherUpload() throws Exception {
        Path file = files.resolve("afresh.bin");
        randomFile(file, 7 * MIB);
        UploadState earlier = new UploadState("input/2026/01/01/unknown/afresh.bin", "unknown", Files.size(file),
                5 * MIB,
                Files.getLastModifiedTime(file).toMillis(), "AAAAAAAAAAA=", false);
        earlier.save(file);

        CliProcess cli = CliProcess.start(files, PRODUCER, "upload", file.toString(), "--api", chain.api().toString(),
                "--no-resume");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("resuming");
        assertThat(cli.out().strip()).isNotEqualTo(earlier.key()).endsWith("/afresh.bin");
    }

    /** How many parts S3 has of the upload, through the API's resume call. */
    private static int storedParts(UploadState state) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(chain.api().resolve("/v1/uploads/" + state.uploadId() + "?key="
                + ChainApi.encode(state.key()) + "&contentLength=" + state.contentLength() + "&partSize="
                        + state.partSize()))
                .header("Authorization", "Bearer " + PRODUCER).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("uploadedParts").size();
    }
}
