package io.sqsextended.chain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sqsextended.chain.config.ChainKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar stops at once, with one line naming the key to change, when it cannot start; while it starts, the API answers
 * nothing or 503.
 */
class FailFastIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @Test
    void aBusyApiPortEndsTheJvmWithOneLineNamingCamelServerPort() throws Exception {
        assertBusyPortEndsTheStart("camel.server.port");
    }

    @Test
    void aBusyManagementPortEndsTheJvmWithOneLineNamingCamelManagementPort() throws Exception {
        assertBusyPortEndsTheStart("camel.management.port");
    }

    @Test
    void aBusyS3PortEndsTheJvmWithOneLineNamingChainLocalS3Port() throws Exception {
        assertBusyPortEndsTheStart(ChainKeys.LOCAL_S3_PORT.name());
    }

    @Test
    void aBusySqsPortEndsTheJvmWithOneLineNamingChainLocalSqsPort() throws Exception {
        assertBusyPortEndsTheStart(ChainKeys.LOCAL_SQS_PORT.name());
    }

    @Test
    void anApiPortTakenAfterTheCheckEndsTheJvmWithTheOneLineNamingCamelServerPort() throws Exception {
        int port = freePort();
        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dcamel.server.port=" + port)) {
            // logged once the ports were checked; the HTTP servers bind after the other configurations and the routes
            jar.awaitOutput("Mode local:", Duration.ofSeconds(90));
            try (ServerSocket taken = new ServerSocket(port)) {
                assertThat(jar.awaitExit(EXIT_WITHIN)).as("exit code, in:\n%s", String.join("\n", jar.output()))
                        .hasValueSatisfying(code -> assertThat(code).isNotZero());
            }
            assertThat(jar.output()).filteredOn(line -> line.contains("Cannot start: port " + port)).singleElement()
                    .asString()
                    .contains("in use", "set camel.server.port to a free port");
            assertThat(jar.output()).noneMatch(line -> line.contains("Bound ports:"));
        }
    }

    @Test
    void aUserRouteThatFailsToLoadEndsTheJvm() throws Exception {
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes/broken.yaml"),
                "- route:\n    from:\n      uri: direct:broken\n      steps:\n        - no-such-step: {}\n");

        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"))) {
            // the routes load after the embedded stack started: slow on
            // a busy machine, hence the wait before the clock runs
            jar.awaitOutput("Cannot load user route file " + home.resolve("routes/broken.yaml"),
                    Duration.ofSeconds(90));

            assertThat(jar.awaitExit(EXIT_WITHIN)).as("exit code, in:\n%s", String.join("\n", jar.output()))
                    .hasValueSatisfying(code -> assertThat(code).isNotZero());
        }
    }

    @Test
    void whileTheJarStartsTheApiAnswersNothingOr503ProblemJsonNeverAnHtml404() throws Exception {
        assertStartingAnswers503ProblemJsonOrNothing("camel.server.port", "/v1/openapi.json");
    }

    @Test
    void whileTheJarStartsTheManagementPortAnswersNothingOr503ProblemJsonNeverAnHtml404() throws Exception {
        // the server listens before the routes start: Camel's health check would answer its own DOWN (application/json)
        assertStartingAnswers503ProblemJsonOrNothing("camel.management.port", "/observe/health/ready");
    }

    /** Probes {@code path} on the port named by {@code key} from the jar's start until it answers 200. */
    private void assertStartingAnswers503ProblemJsonOrNothing(String key, String path) throws Exception {
        int port = freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        List<String> answers = new CopyOnWriteArrayList<>();

        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"), "-D" + key + "="
                + port)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
                try {
                    HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                    answers.add(answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("-"));
                    return answer.statusCode() == 200;
                } catch (IOException refused) {
                    return !jar.isAlive();
                }
            });
        }

        // the server listens seconds before the app has started (the routes wait for the embedded stack)
        assertThat(answers).first().isEqualTo("503 application/problem+json");
        assertThat(answers).last().asString().startsWith("200 application/json");
        // then the started app's own answers: a readiness check may still say DOWN for a moment
        assertThat(answers.stream().dropWhile(answer -> answer.equals("503 application/problem+json")))
                .allMatch(answer -> answer.endsWith(" application/json"), "is the started app's JSON");
    }

    /** Holds the port named by {@code key} while the jar starts on it. */
    private void assertBusyPortEndsTheStart(String key) throws Exception {
        try (ServerSocket busy = new ServerSocket(0);
             RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"), "-D" + key + "="
                     + busy.getLocalPort())) {
            assertThat(jar.awaitExit(EXIT_WITHIN)).as("exit code, in:\n%s", String.join("\n", jar.output()))
                    .hasValueSatisfying(code -> assertThat(code).isNotZero());
            assertThat(jar.output()).filteredOn(line -> line.contains("in use")).singleElement().asString()
                    .contains(String.valueOf(busy.getLocalPort()), key);
            assertThat(jar.output()).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
