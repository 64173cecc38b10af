package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a run keeps of a multipart upload in {@code <file>.chain-upload}, so that the next run continues it: the plan
 * (key, uploadId, sizes, checksum) and the file as it was (size, modification time). Which parts are done is asked of
 * S3 (GET /v1/uploads/{uploadId}): a part sent just before a crash counts even if no run recorded it.
 *
 * @param completing the completion was sent: if S3 no longer knows the upload, it was completed
 */
record UploadState(String key, String uploadId, long contentLength, long partSize, long lastModified,
        String checksumCrc64Nvme,
                   boolean completing) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".chain-upload";

    static Path fileOf(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** The state of an upload of this file as it is now, or null (none, unreadable, or the file changed since). */
    static UploadState of(Path file, long size, long lastModified) {
        Path path = fileOf(file);
        try {
            UploadState state = Files.exists(path) ? JSON.readValue(path.toFile(), UploadState.class) : null;
            return state != null && state.contentLength == size && state.lastModified == lastModified ? state : null;
        } catch (IOException e) {
            return null;
        }
    }

    UploadState asCompleting() {
        return new UploadState(key, uploadId, contentLength, partSize, lastModified, checksumCrc64Nvme, true);
    }

    /** Written whole or not at all: a run killed while writing leaves the previous state. */
    void save(Path file) {
        Path path = fileOf(file);
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(fileOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
