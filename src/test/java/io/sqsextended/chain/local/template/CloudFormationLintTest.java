package io.sqsextended.chain.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the offline npm linter (cfn-lint 1.9.7 by martysweet) over the template. */
class CloudFormationLintTest {

    private static final long TIMEOUT_SECONDS = 300;

    /*
     * False positives of cfn-lint 1.9.7, whose resource specification predates these (valid) properties:
     * SqsManagedSseEnabled (2022), BucketKeyEnabled (2020) and OwnershipControls (2020), and which does not know
     * that Fn::Not is one of the functions allowed in Rules assertions. Only these exact findings are tolerated.
     */
    private static final Set<String> TOLERATED = Set.of(
            "Rules > SeparatePrefixes > Assertions > 0 > Assert | Intrinsic function Fn::Not is not supported here",
            "Resources > DeadLetterQueue > Properties > SqsManagedSseEnabled | SqsManagedSseEnabled is not a valid property of AWS::SQS::Queue",
            "Resources > NotificationQueue > Properties > SqsManagedSseEnabled | SqsManagedSseEnabled is not a valid property of AWS::SQS::Queue",
            "Resources > PayloadBucket > Properties > BucketEncryption > ServerSideEncryptionConfiguration > 0 > BucketKeyEnabled"
                    + " | BucketKeyEnabled is not a valid property of AWS::S3::Bucket.ServerSideEncryptionRule",
            "Resources > PayloadBucket > Properties > OwnershipControls | OwnershipControls is not a valid property of AWS::S3::Bucket");

    private static final Pattern FINDING = Pattern.compile("^Resource: (.*)\\R^Message: (.*)$", Pattern.MULTILINE);

    @Test
    void templatePassesCfnLintApartFromKnownFalsePositives(@TempDir Path tmp) throws IOException, InterruptedException {
        assumeTrue(onPath("npx"), "npx is not on the PATH");
        Path log = tmp.resolve("cfn-lint.log");
        ProcessBuilder builder = new ProcessBuilder("npx", "--yes", "cfn-lint@1.9.7", "validate",
                CloudFormationTemplateTest.TEMPLATE.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FORCE_COLOR", "0");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            assumeTrue(false, "cfn-lint did not finish within " + TIMEOUT_SECONDS + " s (npm registry unreachable?)");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        // npx could not fetch the linter: nothing was linted
        assumeTrue(!output.contains("npm ERR!") && !output.contains("npm error"), () -> "cfn-lint could not be installed:\n" + output);

        Matcher critical = Pattern.compile("^(\\d+) crit$", Pattern.MULTILINE).matcher(output);
        assertThat(critical.find()).as("cfn-lint produced no report:%n%s", output).isTrue();
        List<String> errors = new ArrayList<>();
        Matcher finding = FINDING.matcher(output.substring(critical.end()));
        while (finding.find()) {
            errors.add(finding.group(1).trim() + " | " + finding.group(2).trim());
        }
        assertThat(errors).as("cfn-lint output:%n%s", output).hasSize(Integer.parseInt(critical.group(1)));
        assertThat(errors).as("cfn-lint output:%n%s", output).isSubsetOf(TOLERATED);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
