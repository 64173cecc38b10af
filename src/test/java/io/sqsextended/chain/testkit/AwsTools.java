package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.wire.AwsSettings;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS tools a user points at local mode, on their default settings: the installed {@code aws} CLI and boto3
 * (skipped when absent), and a default Java SDK client. Config and credential files are empty files of the test's
 * own and the credentials come through the process environment, so nothing of the machine's AWS setup leaks in.
 */
public final class AwsTools {

    private final AwsSettings settings;
    private final Path home;

    /** The tools pointed at the embedded S3 of {@code settings}, with their files under {@code home}. */
    public AwsTools(AwsSettings settings, Path home) {
        this.settings = settings;
        this.home = home;
    }

    /** A Java SDK client as a user builds one: endpoint, path style, region, static credentials; nothing else. */
    public S3Client defaultJavaClient() {
        return S3Client.builder().endpointOverride(settings.s3Endpoint()).forcePathStyle(true)
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .build();
    }

    /** {@code aws --endpoint-url <s3> args...}; its stdout, or a failed assertion with its stderr. */
    public String cli(String... args) {
        return cli(endpoint(), args);
    }

    /** {@code aws --endpoint-url <sqs> args...}; its stdout, or a failed assertion with its stderr. */
    public String sqsCli(String... args) {
        return cli(settings.sqsEndpoint(), args);
    }

    private String cli(URI endpoint, String... args) {
        Assumptions.assumeTrue(installed("aws", "--version"), "the aws CLI is not installed: skipped");
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** A python3 script with {@code s3}, a default boto3 client of local mode, defined; its stdout. */
    public String boto3(String script) {
        Assumptions.assumeTrue(installed("python3", "-c", "import boto3"),
                "boto3 is not installed for python3: skipped");
        String client = "import boto3\ns3 = boto3.client('s3', endpoint_url='" + endpoint() + "')\n";
        return run(List.of("python3", "-c", client + script));
    }

    private URI endpoint() {
        return settings.s3Endpoint();
    }

    private static boolean installed(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String run(List<String> command) {
        try {
            Path config = Files.writeString(home.resolve("aws-config"), "");
            Path credentials = Files.writeString(home.resolve("aws-credentials"), "");
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().put("AWS_CONFIG_FILE", config.toString());
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            builder.environment().put("AWS_ACCESS_KEY_ID", settings.accessKey());
            builder.environment().put("AWS_SECRET_ACCESS_KEY", settings.secretKey());
            builder.environment().put("AWS_DEFAULT_REGION", settings.region());
            Path stderr = home.resolve("stderr");
            Process process = builder.redirectError(stderr.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + Files.readString(stderr) + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
