package io.sqsextended.chain.local.s3.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What a cut upload leaves in the embedded S3's store is moved aside; objects, whatever their names, stay. */
class IncompleteUploadsTest {

    @TempDir
    Path dataDir;
    Path store;
    Path bucket;

    @BeforeEach
    void store() throws Exception {
        store = dataDir.resolve("s3");
        bucket = Files.createDirectories(store.resolve("bucket").resolve("input"));
        assumeThat(Files.getFileStore(dataDir).supportsFileAttributeView(UserDefinedFileAttributeView.class))
                .as("user-defined file attributes, as S3Proxy's store needs").isTrue();
    }

    @Test
    void aTemporaryFileWithoutAttributesIsMovedAsideWithItsBytes() throws Exception {
        Path cut = write(bucket.resolve("big.bin-" + UUID.randomUUID()), "half a body", false);

        assertThat(new IncompleteUploads(store).moveAside(Duration.ZERO)).isEqualTo(1);

        assertThat(cut).doesNotExist();
        assertThat(dataDir.resolve("incomplete-uploads").resolve(store.relativize(cut).toString()))
                .hasContent("half a body");
    }

    @Test
    void anObjectWhoseKeyEndsInAUuidStays() throws Exception {
        Path object = write(bucket.resolve("report-" + UUID.randomUUID()), "complete", true);
        Path plain = write(bucket.resolve("plain.txt"), "complete", false);

        assertThat(new IncompleteUploads(store).moveAside(Duration.ZERO)).isZero();

        assertThat(object).exists();
        assertThat(plain).exists();
    }

    @Test
    void anUploadStillBeingWrittenStays() throws Exception {
        Path writing = write(bucket.resolve("big.bin-" + UUID.randomUUID()), "so far", false);
        Path abandoned = write(bucket.resolve("other.bin-" + UUID.randomUUID()), "long ago", false);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

        assertThat(new IncompleteUploads(store).moveAside(Duration.ofSeconds(60))).isEqualTo(1);

        assertThat(writing).exists();
        assertThat(abandoned).doesNotExist();
    }

    @Test
    void aSweepWhileUploadsCompleteAndObjectsGoDoesNotFail() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            files.add(write(bucket.resolve("object-" + i + "-" + UUID.randomUUID()), "complete", true));
        }
        Thread deleter = new Thread(() -> files.forEach(file -> file.toFile().delete()));
        deleter.start();

        assertThat(new IncompleteUploads(store).moveAside(Duration.ZERO)).isZero();
        deleter.join();
    }

    private static Path write(Path file, String content, boolean complete) throws Exception {
        Files.writeString(file, content);
        if (complete) {
            Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
                    .write("user.content-md5", ByteBuffer.wrap("md5".getBytes(StandardCharsets.US_ASCII)));
        }
        return file;
    }
}
