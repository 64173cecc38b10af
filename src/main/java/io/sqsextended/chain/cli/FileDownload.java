package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object to a file: the presigned GET streamed into {@code <file>.part}, continued with an HTTP range after a
 * failure (in this run, with retries, or in the next one, from {@link DownloadState}), then checked whole against
 * the checksum S3 keeps before it takes the file's name.
 */
final class FileDownload {

    private static final int BUFFER = 64 * 1024;

    private final ChainApi api;
    private final PrintWriter log;
    private final ProgressDisplay display;

    FileDownload(ChainApi api, PrintWriter log, ProgressDisplay display) {
        this.api = api;
        this.log = log;
        this.display = display;
    }

    void download(String key, Path file, boolean resume) throws IOException {
        JsonNode ticket = api.post("/v1/downloads", Map.of("key", key));
        DownloadState state = new DownloadState(key, ticket.get("eTag").asText(), ticket.get("size").asLong());
        Path partial = DownloadState.partialOf(file);
        if (!resume || !state.equals(DownloadState.of(file)) || !Files.exists(partial)
                || Files.size(partial) > state.size()) {
            DownloadState.delete(file);
            Files.createFile(partial);
            state.save(file);
        } else if (Files.size(partial) > 0) {
            log.println(key + ": resuming at byte " + Files.size(partial) + " of " + state.size());
        }
        Transfer transfer = display.transfer(file, "downloaded", state.size());
        try (Progress progress = transfer.progress(Files.size(partial))) {
            api.retries().run("GET " + key, () -> fetchRest(ticket.get("url").asText(), state, partial, progress));
        }
        verify(ticket, file, partial);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(DownloadState.fileOf(file));
        transfer.done();
    }

    /** Appends what the partial file lacks; a retry asks only for the bytes after those it has. */
    private Void fetchRest(String url, DownloadState state, Path partial, Progress progress) throws IOException,
            InterruptedException {
        long have = Files.size(partial);
        if (have == state.size()) {
            return null;
        }
        // If-Match: the rest must come from the same object as the start
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).GET()
                .header("If-Match", state.eTag());
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = api.http()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            PresignedTransfers.check("GET " + state.key(), status, status / 100 == 2 ? ""
                    : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            if (status != (have > 0 ? 206 : 200)) {
                throw new CliFailure("GET " + state.key() + ": S3 answered " + status + ", not the range asked for");
            }
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    out.write(buffer, 0, n);
                    progress.step(n);
                }
            }
        }
        if (Files.size(partial) != state.size()) {
            throw new IOException(
                    "the connection ended after " + Files.size(partial) + " of " + state.size() + " bytes");
        }
        return null;
    }

    /** The whole file against S3's CRC64NVME, or its SHA-256; a mismatch forgets the download. */
    private void verify(JsonNode ticket, Path file, Path partial) throws IOException {
        String task = file.getFileName() + " checksum";
        boolean matches;
        if (ticket.hasNonNull("checksumCrc64Nvme")) {
            matches = ticket.get("checksumCrc64Nvme").asText().equals(FileChecksum.crc64Nvme(partial, task, display));
        } else if (ticket.hasNonNull("checksumSha256")) {
            matches = ticket.get("checksumSha256").asText().equals(FileChecksum.sha256(partial, task, display));
        } else {
            log.println(file + ": S3 gave no usable checksum of the whole object; the size alone was checked");
            return;
        }
        if (!matches) {
            DownloadState.delete(file);
            throw new CliFailure(file
                    + ": the downloaded bytes do not have the object's checksum; nothing kept, run again");
        }
    }
}
