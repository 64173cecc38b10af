package io.sqsextended.chain.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;

/**
 * A multipart upload's checksums as S3 gives them. CreateMultipartUpload chooses the algorithm (default CRC64NVME)
 * and the type: FULL_OBJECT, the checksum of the whole object combined from the parts' (the only type of CRC64NVME,
 * and on request of CRC32 and CRC32C), or COMPOSITE, the checksum of the parts' checksums with {@code -<parts>}
 * (the default of CRC32 and CRC32C, the only type of SHA-1 and SHA-256). The choice stays in the metadata of the
 * upload's stub, each part's checksum in an attribute of its file.
 */
final class MultipartChecksums {

    static final String FULL_OBJECT = "FULL_OBJECT";
    static final String COMPOSITE = "COMPOSITE";
    private static final String ALGORITHM = ChecksumBlobStore.METADATA_PREFIX + "algorithm";
    private static final String PART_ATTRIBUTE = "user." + ChecksumBlobStore.METADATA_PREFIX + "part";

    private final Path storageDir;

    MultipartChecksums(Path storageDir) {
        this.storageDir = storageDir;
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
        return Optional.ofNullable(stubMetadata.get(ALGORITHM)).flatMap(FlexibleChecksum::named).orElse(FlexibleChecksum.CRC64NVME);
    }

    void keepPart(String container, String partName, String base64) {
        try {
            Files.getFileAttributeView(storageDir.resolve(container).resolve(partName).normalize(), UserDefinedFileAttributeView.class)
                    .write(PART_ATTRIBUTE, ByteBuffer.wrap(base64.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException e) {
            // without attributes the completed object has no checksum, as one whose parts named none
        }
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
        for (int i = 0; i < values.length; i++) {
            String part = SpaceCheckingBlobStore.PART_PREFIX + upload.id() + "-" + upload.blobName() + "-" + parts.get(i).partNumber();
            Optional<byte[]> value = partValue(upload.containerName(), part);
            if (value.isEmpty()) {
                return;
            }
            values[i] = value.get();
        }
        String checksum;
        if (FULL_OBJECT.equals(type)) {
            byte[] whole = values[0];
            for (int i = 1; i < values.length; i++) {
                whole = algorithm.combine(whole, values[i], parts.get(i).partSize());
            }
            checksum = Base64.getEncoder().encodeToString(whole);
        } else {
            FlexibleChecksum.Value ofParts = algorithm.newChecksum();
            Arrays.stream(values).forEach(value -> ofParts.checksum().update(value, 0, value.length));
            checksum = Base64.getEncoder().encodeToString(ofParts.bytes().get()) + "-" + values.length;
        }
        metadata.put(ChecksumBlobStore.METADATA_PREFIX + algorithm.name().toLowerCase(java.util.Locale.ROOT), checksum);
        metadata.put(ChecksumBlobStore.TYPE, type);
    }

    private Optional<byte[]> partValue(String container, String partName) {
        Path part = storageDir.resolve(container).resolve(partName).normalize();
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
}
