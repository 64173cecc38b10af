package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.CapturedLogs;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** chain.routes.reload (local mode's default): a route file that changes while the app runs replaces its routes. */
class RouteReloadTest {

    CapturedLogs logs;
    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().downstream("direct:versioned")
            .property(ConsumerSettings.ROUTES_DIR.name(), c -> c.dir("routes").toString())
            .beforeStart(c -> {
                Files.writeString(c.dir("routes").resolve("versioned.yaml"), route("v1", RecordingDownstream.URI));
                logs = c.closing(CapturedLogs.open("reload"));
            });

    Path routeFile;

    @BeforeEach
    void theFirstVersionDelivers() {
        routeFile = chain.dir("routes").resolve("versioned.yaml");
        assertThat(deliveredVersion()).isEqualTo("v1");
    }

    @Test
    void theNextPayloadTakesTheChangedRoute() throws Exception {
        save(route("v2", RecordingDownstream.URI));

        await().until(() -> logs.count("Reloaded user route file " + routeFile) == 1);
        assertThat(deliveredVersion()).isEqualTo("v2");
    }

    @Test
    void aJavaRouteFileIsCompiledWhenItAppearsAndTakesOverTheRouteOfItsId() throws Exception {
        Path javaFile = chain.dir("routes").resolve("Versioned.java");
        save(javaFile, """
                public class Versioned extends org.apache.camel.builder.RouteBuilder {
                    @Override
                    public void configure() {
                        from("direct:versioned").routeId("versioned").routeConfigurationId("chain-errors")
                                .setHeader("RouteVersion", constant("java")).to("%s");
                    }
                }
                """.formatted(RecordingDownstream.URI));

        await().until(() -> logs.count("Reloaded user route file " + javaFile) == 1);
        assertThat(deliveredVersion()).isEqualTo("java");
    }

    @Test
    void aFileThatDoesNotParseIsReportedAndTheRouteBeforeKeepsRunning() throws Exception {
        save("- route:\n    id: versioned\n    from:\n      uri: direct:versioned\n      steps:\n        - "
                + "no-such-step: {}\n");

        await().until(() -> logs.count("Cannot reload user route file " + routeFile + ": ") == 1);
        assertThat(deliveredVersion()).isEqualTo("v1");
    }

    @Test
    void aRouteThatCannotStartIsReportedAndTheRouteBeforeComesBack() throws Exception {
        save(route("v2", "no-such-component:anywhere"));

        await().until(() -> logs.count("Cannot reload user route file " + routeFile + ": ") == 1);
        assertThat(deliveredVersion()).isEqualTo("v1");
    }

    /** A route that marks each payload with its version before the recording downstream. */
    private static String route(String version, String to) {
        return """
                - route:
                    id: versioned
                    routeConfigurationId: chain-errors
                    from:
                      uri: direct:versioned
                      steps:
                        - setHeader:
                            name: RouteVersion
                            constant: %s
                        - to: %s
                """.formatted(version, to);
    }

    /** As an editor saves: the whole file at once (a watcher never sees it half-written). */
    private void save(String content) throws Exception {
        save(routeFile, content);
    }

    private void save(Path file, String content) throws Exception {
        Path draft = Files.writeString(chain.dir("routes").resolve("route.draft"), content);
        Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String deliveredVersion() {
        String key = "input/" + UUID.randomUUID() + ".txt";
        chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("payload"));
        return chain.downstream().awaitKey(key).header("RouteVersion");
    }
}
