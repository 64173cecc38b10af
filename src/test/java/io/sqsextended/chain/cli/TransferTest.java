package io.sqsextended.chain.cli;

import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.cli.CliUploadTest.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/** The line a file's transfer ends with where no bar is drawn, and the unit of a bar. */
class TransferTest {

    @Test
    void aFileMovedWhollyInThisRunIsToldWithItsDurationAndRate() {
        assertThat(Transfer.line("big.bin", "uploaded", 23L * MIB, 23L * MIB, 2_000_000_000L))
                .isEqualTo("big.bin: uploaded 23.0 MiB in 2.0 s (11.5 MiB/s)");
    }

    @Test
    void aFileAnEarlierRunMovedWhollyIsToldWithoutARate() {
        assertThat(Transfer.line("big.bin", "uploaded", 23L * MIB, 0, 50_000_000L))
                .isEqualTo("big.bin: uploaded 23.0 MiB, all of it by an earlier run");
    }

    @Test
    void anEmptyFileIsToldInBytes() {
        assertThat(Transfer.line("empty.txt", "downloaded", 0, 0, 100_000_000L))
                .isEqualTo("empty.txt: downloaded 0 B in 0.1 s (0 B/s)");
    }

    @Test
    void aBarCountsInTheLargestUnitThatTheSizeFillsTenTimes() {
        assertThat(Progress.UNITS[Progress.unitOf(1000)]).isEqualTo("B");
        assertThat(Progress.UNITS[Progress.unitOf(7L * MIB)]).isEqualTo("KiB");
        assertThat(Progress.UNITS[Progress.unitOf(23L * MIB)]).isEqualTo("MiB");
        assertThat(Progress.UNITS[Progress.unitOf(50L * 1024 * MIB)]).isEqualTo("GiB");
    }
}
