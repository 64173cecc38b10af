package io.sqsextended.chain.cli;

import java.net.URI;

import picocli.CommandLine.Option;

/** Options every command takes: where the API is, the bearer token, how often to retry. */
final class ApiOptions {

    @Option(names = "--api", required = true, paramLabel = "URL",
            description = "Base URL of the chain's API, e.g. http://localhost:8080")
    URI api;

    // the default is never shown in the help: it is a secret
    @Option(names = "--token", defaultValue = "${env:CHAIN_TOKEN}", paramLabel = "TOKEN",
            description = "Bearer token; default: the environment variable CHAIN_TOKEN (prefer it: a command line is "
                    + "visible to other users)")
    String token;

    @Option(names = "--retries", defaultValue = "5", paramLabel = "N",
            description = "Attempts after the first of each request (default ${DEFAULT-VALUE})")
    int retries;

    ChainApi connect() {
        if (token == null || token.isBlank()) {
            throw new CliFailure("No token: set CHAIN_TOKEN or give --token");
        }
        return new ChainApi(api, token, new Retries(retries));
    }
}
