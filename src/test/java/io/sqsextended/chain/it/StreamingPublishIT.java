package io.sqsextended.chain.it;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Streaming proof: a payload three times the app's heap is published over HTTP and consumed, intact. */
class StreamingPublishIT {

    static final long SIZE = 384L * 1024 * 1024;

    @TempDir
    Path home;

    @Test
    void aPayloadLargerThanTheHeapIsPublishedAndConsumedIntact() throws Exception {
        try (RunningJar jar = RunningJar.start(home, "-Xmx128m",
                "-Dchain.local.data-dir=" + home.resolve("data"), "-Dchain.consumer.wait-time-seconds=1",
                "-Dchain.routes.dir=" + Path.of("examples/routes").toAbsolutePath(),
                        "-Dchain.downstream.uri=direct:folder",
                "-Dexample.folder.dir=" + home.resolve("out"))) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            MessageDigest sent = MessageDigest.getInstance("SHA-256");

            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(jar.api().resolve("/v1/messages"))
                            .header("Authorization", "Bearer dev-producer-token")
                                    .header("Content-Type", "application/octet-stream")
                            // unknown length (chunked): nothing tells the app the size in advance
                            .POST(HttpRequest.BodyPublishers.ofInputStream(()
                                    -> new DigestInputStream(new Generated(SIZE), sent)))
                            .timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode answer = new ObjectMapper().readTree(response.body());
            assertThat(answer.get("offloaded").asBoolean()).isTrue();
            assertThat(answer.get("size").asLong()).isEqualTo(SIZE);
            Path delivered = home.resolve("out").resolve(answer.get("key").asText());
            await().atMost(Duration.ofMinutes(3)).until(() -> Files.exists(delivered) && Files.size(delivered) == SIZE);
            assertThat(sha256(delivered)).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(jar.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Pseudo-random bytes made on the fly, so that the test itself holds nothing either. */
    static final class Generated extends InputStream {
        private final Random random = new Random(42);
        private final byte[] block = new byte[64 * 1024];
        private long remaining;
        private int position = block.length;

        Generated(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            if (position == block.length) {
                random.nextBytes(block);
                position = 0;
            }
            int n = (int) Math.min(Math.min(length, block.length - position), remaining);
            System.arraycopy(block, position, buffer, offset, n);
            position += n;
            remaining -= n;
            return n;
        }
    }
}
