package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.Sha256;

/** Whole-file checksums as S3 gives them (base64), each read once as a stream. */
final class FileChecksum {

    private static final int BUFFER = 1024 * 1024;

    private FileChecksum() {
    }

    /** What a checksum takes of each buffer read. */
    private interface Update {
        void update(byte[] buffer, int offset, int length);
    }

    static String crc64Nvme(Path file, String task, ProgressDisplay display) {
        Crc64Nvme crc = new Crc64Nvme();
        read(file, task, display, crc::update);
        return Base64.getEncoder().encodeToString(crc.bytes());
    }

    static String sha256(Path file, String task, ProgressDisplay display) {
        MessageDigest sha256 = Sha256.digest();
        read(file, task, display, sha256::update);
        return Base64.getEncoder().encodeToString(sha256.digest());
    }

    private static void read(Path file, String task, ProgressDisplay display, Update checksum) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file); Progress progress = display.progress(task, Files.size(file),
                0, n -> { })) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                checksum.update(buffer, 0, n);
                progress.step(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
