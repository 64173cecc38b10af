package io.sqsextended.chain.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The start-up banner's commands, pasted as printed into a shell with no AWS settings of its own, all work. */
class BannerCommandsTest {

    private static final String BANNER_START = "Try it with the AWS CLI";

    final String secret = "banner-secret-" + UUID.randomUUID();
    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().property(ChainKeys.LOCAL_SECRET_KEY.name(), secret).startInTest();
    @TempDir
    Path shellHome;

    @Test
    void everyCommandOfTheBannerWorksAsPrintedWithoutTheSecretBeingLogged() throws Exception {
        assumeTrue(awsCliInstalled(), "the aws CLI is not installed here: the banner's commands are not run");
        List<String> commands;
        String output;
        try (CapturedLogs logs = CapturedLogs.open("banner")) {
            chain.start();
            commands = commands(logs);
            output = run(commands);
            String bucket = chain.property(ChainKeys.BUCKET.name());
            assertThat(chain.s3().getObjectAsBytes(r -> r.bucket(bucket).key("input/hello.txt")).asUtf8String())
                    .isEqualTo("hello\n");
            logs.assertNoSecrets(secret);
        }

        assertThat(commands).isNotEmpty().noneMatch(command -> command.contains("<") || command.contains(">"));
        assertThat(output).contains("hello.txt", "ApproximateNumberOfMessages");
    }

    /** The banner's lines after its "Try it" line, comments left out: what one pastes. */
    private static List<String> commands(CapturedLogs logs) {
        String banner = logs.lines().stream().filter(line -> line.contains(BANNER_START)).findFirst()
                .orElseThrow(() -> new AssertionError("No banner in the log"));
        List<String> lines = Arrays.asList(banner.split("\\R"));
        return lines.subList(lines.indexOf(lines.stream().filter(l -> l.contains(BANNER_START)).findFirst()
                .orElseThrow()) + 1, lines.size())
                .stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** All commands in one shell, as pasted; its output, or a failure with it. */
    private String run(List<String> commands) throws IOException, InterruptedException {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "set -eo pipefail\n" + String.join("\n", commands))
                .directory(shellHome.toFile()).redirectErrorStream(true);
        shell.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        shell.environment().put("HOME", shellHome.toString());
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the banner's commands failed:\n%s\n%s", String.join("\n", commands), output)
                .isZero();
        return output;
    }

    private static boolean awsCliInstalled() {
        try {
            return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start()
                    .waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
