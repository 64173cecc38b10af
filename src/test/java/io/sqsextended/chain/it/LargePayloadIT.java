package io.sqsextended.chain.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 2 GiB payload through the chain of the packaged jar, whose heap is capped at 256 MiB (RunningJar), into the
 * folder example route; fails on OutOfMemoryError or on a single differing byte. Slow (minutes): run with
 * {@code mvn verify -Plarge}.
 */
@Tag("large")
class LargePayloadIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final long SIZE = 2L * 1024 * 1024 * 1024;
    static final int PART = 64 * 1024 * 1024;

    @TempDir
    Path home;

    @Test
    void aTwoGiBPayloadPassesThroughAJarWithA256MiBHeap() throws Exception {
        Path outbox = home.resolve("outbox");
        String key = "input/" + UUID.randomUUID() + "/two-gib.bin";
        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.routes.dir=" + Path.of("examples/routes").toAbsolutePath(),
                        "-Dchain.downstream.uri=direct:folder",
                "-Dexample.folder.dir=" + outbox)) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            long uploadStart = System.nanoTime();
            String uploaded;
            try (S3Client s3 = AwsClients.s3(jar.clientSettings())) {
                uploaded = upload(s3, key);
            }
            long delivered = System.nanoTime();
            Path written = outbox.resolve(key);
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.exists(written) || jar.output().stream()
                            .anyMatch(l -> l.contains("OutOfMemoryError")));
            double seconds = (System.nanoTime() - delivered) / 1e9;
            long peakRssKiB = peakRss();

            assertThat(jar.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
            assertThat(Files.size(written)).isEqualTo(SIZE);
            assertThat(sha256(written)).isEqualTo(uploaded);
            System.out.printf(
                    "2 GiB: uploaded in %.1f s; through the chain in %.1f s (%.0f MiB/s); jar peak RSS %d MiB with "
                    + "-Xmx256m%n",
                    (delivered - uploadStart) / 1e9, seconds, SIZE / 1048576.0 / seconds, peakRssKiB / 1024);
        }
    }

    /** A multipart upload of deterministic bytes; returns their SHA-256. */
    private static String upload(S3Client s3, String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] part = new byte[PART];
        String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)
                .contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; (long) (number - 1) * PART < SIZE; number++) {
            random.nextBytes(part);
            digest.update(part);
            int n = number;
            String eTag = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
        }
        s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** VmHWM of the jar's process (Linux), in KiB; 0 elsewhere. */
    private static long peakRss() throws Exception {
        ProcessHandle jar = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("sqs-extended-chain.jar")).findFirst()
                        .orElseThrow();
        Path status = Path.of("/proc", String.valueOf(jar.pid()), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    }
}
