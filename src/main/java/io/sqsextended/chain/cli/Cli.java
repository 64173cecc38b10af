package io.sqsextended.chain.cli;

import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the client: picocli parses the command, a {@link CliFailure} ends it with its message and exit code 1.
 */
@Command(name = "java -jar sqs-extended-chain.jar", mixinStandardHelpOptions = true,
        subcommands = {UploadCommand.class, DownloadCommand.class},
        description = "Uploads files to the chain and downloads objects from it, through its presign API")
public final class Cli {

    /** First arguments that run the client rather than the integration. */
    private static final Set<String> COMMANDS = Set.of("upload", "download");

    private Cli() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs a command; the exit code: 0 done, 1 failed, 2 wrong usage. */
    public static int run(String... args) {
        return new CommandLine(new Cli()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + (e instanceof CliFailure ? e.getMessage() : e));
            return 1;
        }).setParameterExceptionHandler((e, parsed) -> {
            CommandLine commandLine = e.getCommandLine();
            // picocli repeats unknown arguments, and a mistyped --token option's value is a token
            commandLine.getErr().println("error: " + (e instanceof CommandLine.UnmatchedArgumentException
                    ? "unknown options or arguments (not repeated here: one may be a token)" : e.getMessage()));
            commandLine.usage(commandLine.getErr());
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        }).execute(args);
    }
}
