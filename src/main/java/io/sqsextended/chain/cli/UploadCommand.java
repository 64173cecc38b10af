package io.sqsextended.chain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code upload FILE... --api URL}: each file to the chain, its key printed on standard output once stored. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Uploads files (producer token); prints the key of each")
final class UploadCommand implements Callable<Integer> {

    @Mixin
    ApiOptions options;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to upload")
    List<Path> files;

    @Option(names = "--content-type", defaultValue = "application/octet-stream", paramLabel = "TYPE",
            description = "Content type of every file (on the app's allow-list; default ${DEFAULT-VALUE})")
    String contentType;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N",
            description = "Parts sent at once (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--no-resume",
            description = "Start afresh, ignoring the interrupted upload of an earlier run (<FILE>.chain-upload)")
    boolean noResume;

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new CliFailure("--parallel must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        FileUpload upload = new FileUpload(options.connect(), contentType, parallel, err, progress.display(err));
        for (Path file : files) {
            spec.commandLine().getOut().println(upload.upload(file, !noResume));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
