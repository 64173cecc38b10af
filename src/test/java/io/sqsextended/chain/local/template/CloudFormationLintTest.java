package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs AWS's linter, the Python {@code cfn-lint} (current resource specification), over the template. It lints every
 * resource whatever its condition, so the optional ECS service is linted too.
 */
class CloudFormationLintTest {

    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void templateHasNoCfnLintFindings(@TempDir Path tmp) throws IOException, InterruptedException {
        assumeTrue(onPath("cfn-lint"),
                "cfn-lint is not on the PATH: the template needs AWS's Python cfn-lint to be linted");
        // AWS's linter answers "cfn-lint <version>"; the npm package of that name has an old specification
        Result version = run(tmp, "cfn-lint", "--version");
        assumeTrue(version.output().startsWith("cfn-lint "), () -> "the cfn-lint on the PATH is not AWS's Python one: "
                + version.output().strip());

        Result lint = run(tmp, "cfn-lint", "--format", "parseable", CloudFormationTemplateTest.TEMPLATE.toAbsolutePath()
                .toString());

        assertThat(lint.output()).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code").isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path tmp, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "cfn-lint", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
