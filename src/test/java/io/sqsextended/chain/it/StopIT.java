package io.sqsextended.chain.it;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to the packaged jar in local mode, on its default settings (a 20 s long poll), with nothing in flight. */
class StopIT {

    @TempDir
    Path home;

    @Test
    void aSigtermWithNothingInFlightEndsTheJarWithinTenSecondsWhileItsConsumerLongPolls() throws Exception {
        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"))) {
            jar.awaitOutput("Acknowledged s3:TestEvent", Duration.ofSeconds(90));
            jar.awaitConsumerPolling(Duration.ofSeconds(20));

            long started = System.nanoTime();
            int exitCode = jar.stop();

            assertThat(exitCode).isEqualTo(143);
            // generous: a timed figure is the benchmark's (bench/run
            // startup); the long poll alone would take up to 20 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
