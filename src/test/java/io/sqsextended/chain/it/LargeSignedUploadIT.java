package io.sqsextended.chain.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;

import io.sqsextended.chain.testkit.AwsTools;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed uploads larger than the jar's heap (RunningJar caps it at 256 MiB) as stock tools send them: one PUT of a
 * default Java SDK client (aws-chunked, chunk signatures, CRC32 trailer) and one of boto3 (the payload's SHA-256
 * signed, CRC32 header); each is checked as it streams to disk,
 * none is held in the heap. Slow: {@code mvn verify -Plarge}.
 */
@Tag("large")
class LargeSignedUploadIT {

    static final String BUCKET = "sqs-extended-chain-payloads-000000000000";
    static final long SIZE = 1L << 30;

    @TempDir
    Path home;

    @Test
    void signedSinglePutsOfOneGiBStreamThroughAJarWithA256MiBHeap() throws Exception {
        Path file = home.resolve("one-gib.bin");
        String crc32 = write(file);
        String javaKey = "large/" + UUID.randomUUID();
        String botoKey = "large/" + UUID.randomUUID();
        try (RunningJar jar = RunningJar.start(home, "-Dchain.local.data-dir=" + home.resolve("data"),
                "-Dchain.consumer.enabled=false")) {
            jar.awaitOutput("sqs-extended-chain local mode", Duration.ofSeconds(90));
            AwsTools tools = new AwsTools(jar.clientSettings(), home);
            try (S3Client client = tools.defaultJavaClient()) {
                client.putObject(r -> r.bucket(BUCKET).key(javaKey), RequestBody.fromFile(file));
            }
            tools.boto3("s3.upload_fileobj(open('" + file + "', 'rb'), '" + BUCKET + "', '" + botoKey + "', "
                    + "Config=__import__('boto3.s3.transfer').s3.transfer.TransferConfig(multipart_threshold="
                            + (2 * SIZE) + "))");

            try (S3Client s3 = AwsClients.s3(jar.clientSettings())) {
                for (String key : new String[] {javaKey, botoKey}) {
                    HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key(key)
                            .checksumMode(ChecksumMode.ENABLED));
                    assertThat(head.contentLength()).isEqualTo(SIZE);
                    assertThat(head.checksumCRC32()).isEqualTo(crc32);
                }
            }
            assertThat(jar.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    /** Deterministic bytes; returns their CRC32 as S3 gives it. */
    private static String write(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] block = new byte[1 << 20];
        Random random = new Random(15);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += block.length) {
                random.nextBytes(block);
                crc.update(block);
                out.write(block);
            }
        }
        return java.util.Base64.getEncoder()
                .encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
