package io.sqsextended.chain.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PUTs of presigned S3 URLs, streamed from file ranges and retried from the start of their range; S3's answers read.
 */
final class PresignedTransfers {

    // HttpClient sets these itself (and refuses them); the body has exactly the signed length
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");
    private static final long MIN_BYTES_PER_SECOND = 64 * 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final ChainApi api;

    PresignedTransfers(ChainApi api) {
        this.api = api;
    }

    /**
     * PUTs {@code length} bytes of {@code file} from {@code offset} with exactly these headers; the ETag S3 answers.
     */
    String put(String what, String url, Map<String, String> headers, Path file, long offset, long length,
            Progress progress) {
        return api.retries().run(what, () -> {
            AtomicLong sent = new AtomicLong();
            HttpRequest.BodyPublisher body = length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return FileRange.open(file, offset, length, n -> {
                                sent.addAndGet(n);
                                progress.step(n);
                            });
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), length);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout(length)).PUT(body);
            headers.forEach((name, value) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                    request.header(name, value);
                }
            });
            try {
                HttpResponse<String> response = api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
                check(what, response.statusCode(), response.body());
                return response.headers().firstValue("ETag")
                        .orElseThrow(() -> new CliFailure(what + ": S3 answered no ETag"));
            } catch (IOException | RuntimeException e) {
                // the attempt's bytes are sent again by the next one
                progress.step(-sent.get());
                throw e;
            }
        });
    }

    /**
     * Long enough for the body at a slow link's pace: a stalled connection fails (and is tried again) rather than hang.
     */
    static Duration timeout(long bytes) {
        return Duration.ofMinutes(1).plusSeconds(bytes / MIN_BYTES_PER_SECOND);
    }

    /** A 2xx passes; 5xx and 429 are worth another attempt; any other status fails with S3's error code. */
    static void check(String what, int status, String body) throws TransientFailure {
        if (status / 100 == 2) {
            return;
        }
        Matcher code = ERROR_CODE.matcher(body == null ? "" : body);
        String reason = what + ": S3 answered " + status + (code.find() ? " " + code.group(1) : "");
        if (status >= 500 || status == 429) {
            throw new TransientFailure(reason);
        }
        throw new CliFailure(status, reason);
    }
}
