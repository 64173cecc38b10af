package io.sqsextended.chain.local.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sqsextended.chain.wire.DigestingInputStream;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.internal.BlobImpl;
import org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;
import org.jclouds.io.payloads.BaseMutableContentMetadata;
import org.jclouds.io.payloads.InputStreamPayload;

/**
 * Flexible checksums as S3 keeps them: an upload's body is checked against the checksum it names (refused with
 * {@code BadDigest}, nothing stored, when it does not match), and an object keeps its checksum (the one named, else a
 * CRC64NVME, as S3 computes since 2025) in metadata of its own that the HTTP front ({@code ChecksumHeaders}) turns
 * into S3's headers.
 * Multipart uploads get theirs as {@link MultipartChecksums} says.
 */
public final class ChecksumBlobStore extends ForwardingBlobStore {

    /** User metadata under this prefix is the store's own: a client cannot set it. */
    public static final String METADATA_PREFIX = "sqs-extended-chain-checksum-";
    static final String TYPE = METADATA_PREFIX + "type";
    /** Modification times may be coarser than the clock: a failed write's file may look this much older. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final IncompleteUploads incomplete;
    private final MultipartChecksums multipart;

    public ChecksumBlobStore(BlobStore delegate, IncompleteUploads incomplete, MultipartChecksums multipart) {
        super(delegate);
        this.incomplete = incomplete;
        this.multipart = multipart;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return store(container, blob, checked -> super.putBlob(container, checked));
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        return store(container, blob, checked -> super.putBlob(container, checked, options));
    }

    @Override
    public MultipartPart uploadMultipartPart(MultipartUpload upload, int partNumber, Payload payload) {
        String part = SpaceCheckingBlobStore.PART_PREFIX + upload.id() + "-" + upload.blobName() + "-" + partNumber;
        FlexibleChecksum algorithm = requested().algorithm().orElseGet(() -> MultipartChecksums.algorithm(
                delegate().blobMetadata(upload.containerName(), upload.id()).getUserMetadata()));
        String[] computed = new String[1];
        Payload checked = checked(payload, algorithm, value -> computed[0] = value);
        MultipartPart uploaded = refusedLeavesNothing(upload.containerName(), part,
                () -> super.uploadMultipartPart(upload, partNumber, checked));
        multipart.keepPart(upload.containerName(), part, computed[0]);
        answerNamed(algorithm, computed[0]);
        return uploaded;
    }

    /** A copy has its source's bytes, so its checksum, also when it replaces the metadata (REPLACE) that keeps it. */
    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
            CopyOptions options) {
        if (options.userMetadata() == null) {
            return super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        }
        Map<String, String> replaced = new HashMap<>(options.userMetadata());
        replaced.keySet().removeIf(name -> name.startsWith(METADATA_PREFIX));
        delegate().blobMetadata(fromContainer, fromName).getUserMetadata().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(METADATA_PREFIX))
                        .forEach(entry -> replaced.put(entry.getKey(), entry.getValue()));
        CopyOptions keeping = CopyOptions.builder().userMetadata(replaced).contentMetadata(options.contentMetadata())
                .ifMatch(options.ifMatch()).ifNoneMatch(options.ifNoneMatch())
                .ifModifiedSince(options.ifModifiedSince()).ifUnmodifiedSince(options.ifUnmodifiedSince()).build();
        return super.copyBlob(fromContainer, fromName, toContainer, toName, keeping);
    }

    /** The completed object's checksum goes in with the metadata the store gives it, from its first moment. */
    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        multipart.complete(upload, parts);
        return super.completeMultipartUpload(upload, parts);
    }

    private String store(String container, Blob blob, Function<Blob, String> put) {
        // a blob of its own: replacing the payload of the given one would close the body being read
        Blob checked = new BlobImpl(new MutableBlobMetadataImpl(blob.getMetadata()));
        Map<String, String> metadata = checked.getMetadata().getUserMetadata();
        metadata.keySet().removeIf(name -> name.startsWith(METADATA_PREFIX));
        if (isUploadStub(container, blob.getMetadata().getName())) {
            // S3Proxy keeps a multipart upload's metadata in an empty blob named by its uploadId
            MultipartChecksums.choose(metadata, requested());
            checked.setPayload(blob.getPayload());
            return put.apply(checked);
        }
        FlexibleChecksum algorithm = requested().algorithm().orElse(FlexibleChecksum.CRC64NVME);
        String stored = METADATA_PREFIX + algorithm.name().toLowerCase(Locale.ROOT);
        checked.setPayload(checked(blob.getPayload(), algorithm, computed -> {
            // the store writes the metadata once the body is on disk, so this is part of the object from its start
            metadata.put(stored, computed);
            metadata.put(TYPE, MultipartChecksums.FULL_OBJECT);
        }));
        String eTag = refusedLeavesNothing(container, blob.getMetadata().getName(), () -> put.apply(checked));
        if (answerNamed(algorithm, metadata.get(stored))) {
            RequestScope.current()
                    .ifPresent(scope -> scope.answer("x-amz-checksum-type", MultipartChecksums.FULL_OBJECT));
        }
        return eTag;
    }

    /** S3 repeats the checksum an upload named in its answer; whether this one named it. */
    private static boolean answerNamed(FlexibleChecksum algorithm, String value) {
        boolean named = requested().algorithm().isPresent() && value != null;
        if (named) {
            RequestScope.current().ifPresent(scope -> scope.answer(algorithm.header(), value));
        }
        return named;
    }

    private boolean isUploadStub(String container, String name) {
        return RequestScope.current().map(RequestScope::key)
                .filter(key -> delegate().blobExists(container, ConditionalBlobStore.UPLOAD_STUB.formatted(name, key)))
                .isPresent();
    }

    private static Payload checked(Payload payload, FlexibleChecksum algorithm, Consumer<String> computed) {
        RequestedChecksum requested = requested();
        InputStream body;
        try {
            body = payload.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FlexibleChecksum.Value checksum = algorithm.newChecksum();
        // the value is compared at the end: a trailer brings it just before
        InputStream digesting = new DigestingInputStream(body, checksum.checksum()::update, () -> {
            String value = Base64.getEncoder().encodeToString(checksum.bytes().get());
            if (requested.value().filter(expected -> !expected.equals(value)).isPresent()) {
                throw new RejectedUpload.BadDigest("The " + algorithm + " you specified did not match the calculated"
                        + " checksum");
            }
            computed.accept(value);
        });
        InputStreamPayload checked = new InputStreamPayload(digesting);
        checked.setContentMetadata(BaseMutableContentMetadata.fromContentMetadata(payload.getContentMetadata()));
        return checked;
    }

    /** A refused body leaves no partial file behind (a cut-off one is kept aside, see {@link IncompleteUploads}). */
    private <T> T refusedLeavesNothing(String container, String name, Supplier<T> write) {
        Instant started = Instant.now().minus(CLOCK_SLACK);
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (RejectedUpload.refuses(e)) {
                try {
                    incomplete.deleteFailedWrite(container, name, started, e.getMessage());
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static RequestedChecksum requested() {
        return RequestScope.current().map(RequestScope::checksum).orElse(RequestedChecksum.NONE);
    }
}
