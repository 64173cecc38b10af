package io.sqsextended.chain.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An AWS CLI config file under the data dir with a profile holding the embedded stack's keys, so that the banner's
 * commands work as printed without the secret key being logged. Readable by its owner only.
 */
final class CliProfile {

    static final String NAME = "sqs-extended-chain-local";

    private CliProfile() {
    }

    /** Writes (at every start: the keys may have changed) and returns the file. */
    static Path write(LocalSettings settings) throws IOException {
        Path file = settings.dataDir().resolve("aws").resolve("config");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, String.join("\n",
                "# Written by sqs-extended-chain local mode at each start: "
                        + "the development keys of its embedded S3 and SQS.",
                "[profile " + NAME + "]",
                "aws_access_key_id = " + settings.accessKey(),
                "aws_secret_access_key = " + settings.secretKey(),
                "region = " + settings.region(),
                "s3 =",
                "    addressing_style = path",
                ""));
        return file;
    }
}
