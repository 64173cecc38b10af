package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.sqsextended.chain.ChainApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User routes in chain.routes.dir: a broken file stops the start and is named. */
class UserRoutesTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path routesDir;

    @Test
    void aBrokenUserRouteFileStopsTheStartNamingTheFile() throws Exception {
        Path broken = routesDir.resolve("broken.yaml");
        Files.writeString(broken, "- route:\n    from:\n      uri: direct:broken\n      steps:\n        - no-such-step: {}\n");

        assertThatThrownBy(() -> ChainApp.builder(dataDir).consumer().properties(Map.of("chain.routes.dir", routesDir.toString())).start())
                .hasStackTraceContaining("Cannot load user route file " + broken);
    }
}
