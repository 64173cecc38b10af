package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;

/**
 * A multipart upload's checksums as S3 gives them. CreateMultipartUpload chooses the algorithm (default CRC64NVME)
 * and the type: FULL_OBJECT, the checksum of the whole object combined from the parts' (the only type of CRC64NVME,
 * and on request of CRC32 and CRC32C), or COMPOSITE, the checksum of the parts' checksums with {@code -<parts>}
 * (the default of CRC32 and CRC32C, the only type of SHA-1 and SHA-256). The choice stays in the metadata of the
 * upload's stub, each part's checksum in an attribute of its file. A completion is checked as S3 checks it
 * ({@link #refusal}).
 */
public final class MultipartChecksums {

    static final String FULL_OBJECT = "FULL_OBJECT";
    static final String COMPOSITE = "COMPOSITE";
    private static final String ALGORITHM = ChecksumBlobStore.METADATA_PREFIX + "algorithm";
    private static final String PART_ATTRIBUTE = "user." + ChecksumBlobStore.METADATA_PREFIX + "part";

    private final Path storageDir;

    public MultipartChecksums(Path storageDir) {
        this.storageDir = storageDir;
    }

    /** A part a CompleteMultipartUpload names: its number and the checksums given with it. */
    public record NamedPart(int number, Map<FlexibleChecksum, String> checksums) {
    }

    /** S3's error answer to a request it refuses: its code and message. */
    public record Refusal(String code, String message) {
    }

    /**
     * Why S3 would refuse a CreateMultipartUpload: a type its algorithm cannot have (only CRCs combine; CRC64NVME only
     * does).
     */
    public static Optional<Refusal> refusalToCreate(RequestedChecksum requested) {
        if (requested.algorithm().isEmpty() || requested.type().isEmpty()) {
            return Optional.empty();
        }
        FlexibleChecksum algorithm = requested.algorithm().get();
        String type = requested.type().get();
        boolean possible = COMPOSITE.equals(type) ? algorithm != FlexibleChecksum.CRC64NVME : algorithm.combines();
        return possible ? Optional.empty()
                : refused("InvalidRequest", "The " + type + " checksum type cannot be used with the "
                + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
    }

    /** What a CreateMultipartUpload asked for, into the metadata of the upload's stub. */
    static void choose(Map<String, String> stubMetadata, RequestedChecksum requested) {
        FlexibleChecksum algorithm = requested.algorithm().orElse(FlexibleChecksum.CRC64NVME);
        String type = algorithm == FlexibleChecksum.CRC64NVME ? FULL_OBJECT : requested.type().orElse(COMPOSITE);
        stubMetadata.put(ALGORITHM, algorithm.name());
        stubMetadata.put(ChecksumBlobStore.TYPE, algorithm.combines() ? type : COMPOSITE);
    }

    /** The algorithm the upload chose, for its parts. */
    static FlexibleChecksum algorithm(Map<String, String> stubMetadata) {
        return Optional.ofNullable(stubMetadata.get(ALGORITHM)).flatMap(FlexibleChecksum::named)
                .orElse(FlexibleChecksum.CRC64NVME);
    }

    void keepPart(String container, String partName, String base64) {
        try {
            Files.getFileAttributeView(storageDir.resolve(container).resolve(partName).normalize(),
                    UserDefinedFileAttributeView.class)
                    .write(PART_ATTRIBUTE, ByteBuffer.wrap(base64.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException e) {
            // without attributes the completed object has no checksum, as one whose parts named none
        }
    }

    /**
     * Why S3 would refuse this completion of the upload whose stub has {@code stubMetadata}; empty when it would not
     * (or when a part is missing, which S3Proxy answers itself): another checksum type or algorithm than the upload's,
     * a part without its checksum in a COMPOSITE upload or with another than it has, a whole's checksum that the parts
     * do not add up to.
     */
    public Optional<Refusal> refusal(String container, String uploadId, String key, Map<String, String> stubMetadata,
                              List<NamedPart> parts, RequestedChecksum requested) {
        FlexibleChecksum algorithm = algorithm(stubMetadata);
        String type = stubMetadata.getOrDefault(ChecksumBlobStore.TYPE, FULL_OBJECT);
        String name = algorithm.name().toLowerCase(Locale.ROOT);
        if (requested.type().filter(asked -> !asked.equals(type)).isPresent()) {
            return refused("BadDigest", "The upload was created using the " + type
                    + " checksum mode. The complete request must use the same checksum mode.");
        }
        if (requested.algorithm().filter(asked -> asked != algorithm).isPresent()) {
            return refused("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: " + name
                    + ", actual checksum Type: "
                    + requested.algorithm().get().name().toLowerCase(Locale.ROOT));
        }
        byte[][] values = new byte[parts.size()][];
        long[] sizes = new long[parts.size()];
        for (int i = 0; i < values.length; i++) {
            NamedPart part = parts.get(i);
            Path file = partFile(container, uploadId, key, part.number());
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String given = part.checksums().get(algorithm);
            if (given == null && COMPOSITE.equals(type)) {
                return refused("InvalidRequest", "The upload was created using a " + name
                        + " checksum. The complete request must include "
                        + "the checksum for each part. It was missing for part " + part.number() + " in the request.");
            }
            values[i] = partValue(file).orElse(null);
            if (given != null && values[i] != null && !given.equals(Base64.getEncoder().encodeToString(values[i]))) {
                return refused("InvalidPart",
                        "One or more of the specified parts could not be found. The part may not have been uploaded, "
                        + "or the specified entity tag may not have matched the part's entity tag.");
            }
            sizes[i] = size(file);
        }
        Optional<String> whole = whole(algorithm, type, values, sizes);
        boolean differs = requested.value().isPresent() && whole.isPresent()
                && !whole.get().equals(requested.value().get()) && !whole.get()
                        .startsWith(requested.value().get() + "-");
        return differs ? refused("BadDigest", "The " + name + " you specified did not match the calculated checksum.")
                : Optional.empty();
    }

    /**
     * Turns the upload's metadata (its stub's) into the completed object's: the checksum of the whole, or none
     * when a part has none.
     */
    void complete(MultipartUpload upload, List<MultipartPart> parts) {
        Map<String, String> metadata = upload.blobMetadata().getUserMetadata();
        FlexibleChecksum algorithm = algorithm(metadata);
        String type = metadata.getOrDefault(ChecksumBlobStore.TYPE, FULL_OBJECT);
        metadata.keySet().removeIf(name -> name.startsWith(ChecksumBlobStore.METADATA_PREFIX));
        byte[][] values = new byte[parts.size()][];
        long[] sizes = new long[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = partValue(partFile(upload.containerName(), upload.id(), upload.blobName(), parts.get(i)
                    .partNumber())).orElse(null);
            sizes[i] = parts.get(i).partSize();
        }
        whole(algorithm, type, values, sizes).ifPresent(checksum -> {
            metadata.put(ChecksumBlobStore.METADATA_PREFIX + algorithm.name().toLowerCase(Locale.ROOT), checksum);
            metadata.put(ChecksumBlobStore.TYPE, type);
        });
    }

    /** The whole's checksum from its parts' values and sizes; empty when a part has no value. */
    private static Optional<String> whole(FlexibleChecksum algorithm, String type, byte[][] values, long[] sizes) {
        if (values.length == 0 || Arrays.stream(values).anyMatch(value -> value == null)) {
            return Optional.empty();
        }
        if (FULL_OBJECT.equals(type)) {
            byte[] whole = values[0];
            for (int i = 1; i < values.length; i++) {
                whole = algorithm.combine(whole, values[i], sizes[i]);
            }
            return Optional.of(Base64.getEncoder().encodeToString(whole));
        }
        FlexibleChecksum.Value ofParts = algorithm.newChecksum();
        for (byte[] value : values) {
            ofParts.checksum().update(value, 0, value.length);
        }
        return Optional.of(Base64.getEncoder().encodeToString(ofParts.bytes().get()) + "-" + values.length);
    }

    private Path partFile(String container, String uploadId, String key, int partNumber) {
        return storageDir.resolve(container)
                .resolve(SpaceCheckingBlobStore.PART_PREFIX + uploadId + "-" + key + "-" + partNumber).normalize();
    }

    private static Optional<byte[]> partValue(Path part) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(part, UserDefinedFileAttributeView.class);
            if (!view.list().contains(PART_ATTRIBUTE)) {
                return Optional.empty();
            }
            ByteBuffer value = ByteBuffer.allocate(view.size(PART_ATTRIBUTE));
            view.read(PART_ATTRIBUTE, value);
            return Optional.of(Base64.getDecoder().decode(new String(value.array(), StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Refusal> refused(String code, String message) {
        return Optional.of(new Refusal(code, message));
    }
}
