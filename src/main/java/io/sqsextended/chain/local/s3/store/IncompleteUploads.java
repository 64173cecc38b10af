package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy's filesystem store writes an upload (or a part) to {@code <name>-<uuid>} beside its key, sets its
 * attributes, then renames it. A PUT cut off (client gone, or the process killed) leaves that file behind: S3 would
 * never show it, yet S3Proxy serves it under the derived name and its listings fail on it (500). Such files are moved
 * out of the store, to {@code incomplete-uploads} beside it, with a warning: nothing is deleted.
 */
public final class IncompleteUploads {

    private static final Logger LOG = LoggerFactory.getLogger(IncompleteUploads.class);
    private static final Pattern TEMPORARY_NAME = Pattern.compile(
            ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    /** What S3Proxy sets on every complete object or part, before the rename. */
    static final String CONTENT_MD5 = "user.content-md5";

    private final Path store;
    private final Path aside;

    public IncompleteUploads(Path store) {
        this.store = store;
        this.aside = store.resolveSibling("incomplete-uploads");
    }

    /**
     * Moves aside the temporary files not written to for {@code idle} (zero: all, when no upload can be under way).
     * Without user-defined attributes in the file system, nothing tells them from objects: nothing is moved.
     */
    public int moveAside(Duration idle) throws IOException {
        if (!Files.isDirectory(store) || !Files.getFileStore(store)
                .supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
            return 0;
        }
        Instant before = Instant.now().minus(idle);
        List<Path> leftovers = new ArrayList<>();
        Files.walkFileTree(store, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && TEMPORARY_NAME.matcher(file.getFileName().toString()).matches()
                        && attributes.lastModifiedTime().toInstant().isBefore(before) && !isComplete(file)) {
                    leftovers.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            /** Uploads complete (rename) and objects go while the store is walked. */
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        int moved = 0;
        for (Path file : leftovers) {
            moved += moveOut(file);
        }
        return moved;
    }

    /**
     * Moves aside at once the temporary files, modified since {@code since}, of a write of {@code name} that failed
     * (its client went away mid-body): left in place until the store is idle, they fail every listing of the upload's
     * parts (500), and a producer resuming right away lists them.
     */
    void moveAsideFailedWrite(String container, String name, Instant since) throws IOException {
        for (Path file : failedWrites(container, name, since)) {
            moveOut(file);
        }
    }

    private int moveOut(Path file) throws IOException {
        Path target = aside.resolve(store.relativize(file).toString());
        Files.createDirectories(target.getParent());
        try {
            long size = Files.size(file);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Moved an incomplete upload out of the embedded S3 (cut off before its end, {} bytes): {}", size,
                    target);
            return 1;
        } catch (NoSuchFileException e) {
            // gone meanwhile
            return 0;
        }
    }

    /**
     * Deletes the temporary files, modified since {@code since}, that a write of {@code name} (a blob name in
     * {@code container}) left when it failed for lack of space or was refused: unlike a cut-off upload's, nothing in
     * them is worth keeping.
     */
    void deleteFailedWrite(String container, String name, Instant since, String reason) throws IOException {
        for (Path file : failedWrites(container, name, since)) {
            Files.deleteIfExists(file);
            LOG.warn("Deleted the partial file of a write that failed ({}): {}", reason, file);
        }
    }

    /** The incomplete temporary files of a write of {@code name}, modified since {@code since}. */
    private List<Path> failedWrites(String container, String name, Instant since) throws IOException {
        Path target = store.resolve(container).resolve(name).normalize();
        String leaf = target.getFileName().toString();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            return siblings.filter(file -> file.getFileName().toString().startsWith(leaf + "-")
                    && TEMPORARY_NAME.matcher(file.getFileName().toString()).matches() && modifiedSince(file, since)
                            && !isComplete(file))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static boolean modifiedSince(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isComplete(Path file) {
        try {
            return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list().contains(CONTENT_MD5);
        } catch (IOException e) {
            // renamed or moved meanwhile: not ours to touch
            return true;
        }
    }
}
