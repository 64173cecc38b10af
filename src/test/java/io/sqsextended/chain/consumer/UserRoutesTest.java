package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User routes in chain.routes.dir: a broken file stops the start and is named. */
class UserRoutesTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().startInTest();
    @TempDir
    Path routesDir;

    @Test
    void aBrokenUserRouteFileStopsTheStartNamingTheFile() throws Exception {
        Path broken = routesDir.resolve("broken.yaml");
        Files.writeString(broken,
                "- route:\n    from:\n      uri: direct:broken\n      steps:\n        - no-such-step: {}\n");

        assertThatThrownBy(() -> chain.property(ConsumerSettings.ROUTES_DIR.name(), routesDir.toString()).start())
                .hasStackTraceContaining("Cannot load user route file " + broken);
    }
}
