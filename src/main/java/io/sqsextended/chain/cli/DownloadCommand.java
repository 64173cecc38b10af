package io.sqsextended.chain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code download KEY -o FILE --api URL}: an object to a file, checked against S3's checksum, resumable. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Downloads an object (consumer token) to a file; prints the file")
final class DownloadCommand implements Callable<Integer> {

    @Mixin
    ApiOptions options;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "Key of the object")
    String key;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "File to write (replaced once the download is checked)")
    Path file;

    @Option(names = "--no-resume",
            description = "Start afresh, ignoring the partial download of an earlier run (<FILE>.part)")
    boolean noResume;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        new FileDownload(options.connect(), err, progress.display(err)).download(key, file, !noResume);
        spec.commandLine().getOut().println(file);
        return 0;
    }
}
