package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.PrintWriter;

import picocli.CommandLine.Option;

/**
 * Whether transfers draw bars on standard error: where it is a terminal, unless {@code --[no-]progress} says otherwise.
 */
final class ProgressOptions {

    // null: not given, standard error decides
    @Option(names = "--progress", negatable = true,
            description = "Draw progress bars on standard error; by default only where it is a terminal, elsewhere "
                    + "one line per file once transferred")
    Boolean progress;

    ProgressDisplay display(PrintWriter err) {
        return new ProgressDisplay(progress != null ? progress : standardErrorIsTerminal(), err);
    }

    /**
     * System.console() tells of standard input and output (null as soon as {@code > keys.txt}): {@code test -t 2} asks
     * of standard error.
     */
    private static boolean standardErrorIsTerminal() {
        try {
            return new ProcessBuilder("test", "-t", "2").redirectError(ProcessBuilder.Redirect.INHERIT).start()
                    .waitFor() == 0;
        } catch (IOException e) {
            // no POSIX test (Windows): a console there has standard error too
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
