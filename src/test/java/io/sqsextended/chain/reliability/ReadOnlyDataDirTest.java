package io.sqsextended.chain.reliability;

import java.nio.file.Path;
import java.time.Duration;

import io.sqsextended.chain.testkit.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data directory local mode cannot write: the start fails at once, naming the directory and the cause. */
class ReadOnlyDataDirTest {

    @TempDir
    Path tmp;

    @Test
    void aReadOnlyDataDirFailsTheStartFastNamingTheDirectoryAndTheCause() throws Exception {
        try (SmallDisk readOnly = SmallDisk.mount(tmp.resolve("ro"), "ro,size=1m")) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> TestStacks.start(TestStacks.settings(readOnly.root)).stop())
                    .hasMessageContaining(readOnly.root.toString())
                    .hasMessageContaining("Read-only file system");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
