package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One file to the chain: its CRC64NVME, then one presigned PUT or, above the app's threshold, the parts of a multipart
 * plan in parallel and the completion (S3 checks the whole against the checksum). A plan is kept in
 * {@link UploadState} until completed, so that a run after a crash sends only the parts S3 lacks.
 */
final class FileUpload {

    /** Rounds of fresh URLs in a row that may store no part before the upload gives up. */
    private static final int STALLED_ROUNDS = 3;

    private final ChainApi api;
    private final PresignedTransfers transfers;
    private final String contentType;
    private final int parallel;
    private final PrintWriter log;
    private final ProgressDisplay display;

    FileUpload(ChainApi api, String contentType, int parallel, PrintWriter log, ProgressDisplay display) {
        this.api = api;
        this.transfers = new PresignedTransfers(api);
        this.contentType = contentType;
        this.parallel = parallel;
        this.log = log;
        this.display = display;
    }

    /** Uploads {@code file}, continuing the upload of an earlier run when {@code resume}; the key of the object. */
    String upload(Path file, boolean resume) throws IOException {
        long size = Files.size(file);
        long lastModified = Files.getLastModifiedTime(file).toMillis();
        UploadState state = resume ? UploadState.of(file, size, lastModified) : null;
        if (state != null) {
            JsonNode progress = progressOf(state);
            if (progress != null) {
                return resume(file, state, progress, 0, display.transfer(file, "uploaded", size));
            }
            if (state.completing()) {
                // the completion was sent and S3 no longer knows the upload: it was completed
                UploadState.delete(file);
                display.transfer(file, "uploaded", size).done();
                return state.key();
            }
            log.println(file + ": the earlier upload is gone (aborted or expired); starting afresh");
        }
        String checksum = FileChecksum.crc64Nvme(file, file.getFileName() + " checksum", display);
        Transfer transfer = display.transfer(file, "uploaded", size);
        JsonNode ticket = api.post("/v1/uploads", Map.of("contentType", contentType, "contentLength", size,
                "fileName", file.getFileName().toString(), "checksumCrc64Nvme", checksum));
        String key = ticket.get("key").asText();
        if (ticket.hasNonNull("url")) {
            try (Progress progress = transfer.progress(0)) {
                transfers.put("PUT " + file.getFileName(), ticket.get("url").asText(), headers(ticket), file, 0, size,
                        progress);
            }
            UploadState.delete(file);
            transfer.done();
            return key;
        }
        state = new UploadState(key, ticket.get("uploadId").asText(), size, ticket.get("partSize").asLong(),
                lastModified, checksum, false);
        state.save(file);
        return finish(file, state, List.of(), ticket.get("parts"), 0, transfer);
    }

    /** What S3 has of the state's upload and URLs of the rest; null when S3 no longer knows the upload. */
    private JsonNode progressOf(UploadState state) {
        try {
            return api.get("/v1/uploads/" + ChainApi.encode(state.uploadId()) + "?key=" + ChainApi.encode(state.key())
                    + "&contentLength=" + state.contentLength() + "&partSize=" + state.partSize());
        } catch (CliFailure e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private String resume(Path file, UploadState state, JsonNode progress, int stalledRounds, Transfer transfer) {
        List<JsonNode> stored = new ArrayList<>();
        progress.get("uploadedParts").forEach(stored::add);
        log.println(file + ": resuming, " + stored.size() + " parts already uploaded, "
                + progress.get("parts").size() + " to send");
        return finish(file, state, stored, progress.get("parts"), stalledRounds, transfer);
    }

    /**
     * Sends the missing parts, {@code parallel} at a time, then completes the upload with every part's ETag. Parts
     * refused with 403 (their URLs expired: a large file on a slow link) are sent again with fresh URLs, until
     * {@link #STALLED_ROUNDS} rounds in a row store no part.
     */
    private String finish(Path file, UploadState state, List<JsonNode> stored, JsonNode missing, int stalledRounds,
            Transfer transfer) {
        Map<Integer, String> eTags = new TreeMap<>();
        stored.forEach(p -> eTags.put(p.get("partNumber").asInt(), p.get("eTag").asText()));
        long done = stored.stream().mapToLong(p -> p.get("size").asLong()).sum();
        CliFailure refused = null;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try (Progress progress = transfer.progress(done)) {
            Map<Integer, Future<String>> sent = new LinkedHashMap<>();
            for (JsonNode part : missing) {
                int number = part.get("partNumber").asInt();
                long offset = (number - 1) * state.partSize();
                sent.put(number, pool.submit(() -> transfers.put("part " + number + " of " + file.getFileName(),
                        part.get("url").asText(), Map.of(), file, offset, part.get("size").asLong(), progress)));
            }
            for (Map.Entry<Integer, Future<String>> part : sent.entrySet()) {
                try {
                    eTags.put(part.getKey(), result(part.getValue()));
                } catch (CliFailure e) {
                    if (e.status() != 403) {
                        throw e;
                    }
                    refused = e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (refused != null) {
            // 503s and their backoff may outlast a URL; rounds that never store a part mean URLs too short for one
            int stalled = eTags.size() == stored.size() ? stalledRounds + 1 : 0;
            if (stalled >= STALLED_ROUNDS) {
                throw refused;
            }
            log.println(file + ": part URLs expired; fresh ones for the "
                    + (missing.size() - eTags.size() + stored.size()) + " parts left");
            JsonNode fresh = progressOf(state);
            if (fresh == null) {
                throw new CliFailure(404, file + ": the upload was aborted meanwhile");
            }
            return resume(file, state, fresh, stalled, transfer);
        }
        state.asCompleting().save(file);
        List<Map<String, Object>> parts = new ArrayList<>();
        eTags.forEach((number, eTag) -> parts.add(Map.of("partNumber", number, "eTag", eTag)));
        api.post("/v1/uploads/complete", Map.of("key", state.key(), "uploadId", state.uploadId(), "parts", parts,
                "checksumCrc64Nvme", state.checksumCrc64Nvme()));
        UploadState.delete(file);
        transfer.done();
        return state.key();
    }

    private static String result(Future<String> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new UncheckedIOException(new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private static Map<String, String> headers(JsonNode ticket) {
        Map<String, String> headers = new LinkedHashMap<>();
        ticket.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return headers;
    }
}
