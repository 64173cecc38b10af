package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which object {@code <file>.part} holds the start of, in {@code <file>.chain-download}: a next run appends the rest
 * only while the object is that one (same key, ETag and size).
 */
record DownloadState(String key, String eTag, long size) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fileOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".chain-download");
    }

    static Path partialOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /** The saved state, or null (none, or unreadable). */
    static DownloadState of(Path file) {
        try {
            return Files.exists(fileOf(file)) ? JSON.readValue(fileOf(file).toFile(), DownloadState.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void save(Path file) {
        try {
            JSON.writeValue(fileOf(file).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + fileOf(file), e);
        }
    }

    /** Forgets the download: its state and its partial file. */
    static void delete(Path file) throws IOException {
        Files.deleteIfExists(partialOf(file));
        Files.deleteIfExists(fileOf(file));
    }
}
