package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.sqsextended.chain.wire.Crc64Nvme;

/** The CRC64NVME of a file as S3 gives it (base64 of 8 bytes), read once as a stream. */
final class FileChecksum {

    private static final int BUFFER = 1024 * 1024;

    private FileChecksum() {
    }

    static String crc64Nvme(Path file, String task) {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file); Progress progress = new Progress(task, Files.size(file))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                progress.step(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return Base64.getEncoder().encodeToString(crc.bytes());
    }
}
