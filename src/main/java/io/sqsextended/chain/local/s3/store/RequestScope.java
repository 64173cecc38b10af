package io.sqsextended.chain.local.s3.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the storage knows of the S3 request it serves, which S3Proxy 2.7.0 does not pass it: whether it says
 * {@code If-None-Match: *}, the key of an abort, the flexible checksum it names, the headers the storage adds to its
 * answer, and the key locks it holds until it is answered. Set by the HTTP front for each request; inherited by the
 * thread S3Proxy starts to complete a multipart upload, so that the storage sees it there too.
 */
public final class RequestScope implements AutoCloseable {

    private static final InheritableThreadLocal<RequestScope> CURRENT = new InheritableThreadLocal<>();

    private final boolean ifNoneMatchAll;
    private final String key;
    private final String abortedUploadId;
    private final RequestedChecksum checksum;
    private final BiConsumer<String, String> answer;
    private final List<KeyLocks.Held> held = new ArrayList<>();

    private RequestScope(boolean ifNoneMatchAll, String key, String abortedUploadId, RequestedChecksum checksum,
                         BiConsumer<String, String> answer) {
        this.ifNoneMatchAll = ifNoneMatchAll;
        this.key = key;
        this.abortedUploadId = abortedUploadId;
        this.checksum = checksum;
        this.answer = answer;
    }

    /**
     * The request this thread serves from now until {@link #close()}.
     *
     * @param key             the object key of the request's path, decoded as S3Proxy decodes it; null for a bucket
     *                        or the service
     * @param abortedUploadId the uploadId of an AbortMultipartUpload, else null
     * @param answer          sets a header of the answer
     */
    public static RequestScope open(boolean ifNoneMatchAll, String key, String abortedUploadId,
            RequestedChecksum checksum,
                                    BiConsumer<String, String> answer) {
        RequestScope scope = new RequestScope(ifNoneMatchAll, key, abortedUploadId, checksum, answer);
        CURRENT.set(scope);
        return scope;
    }

    /** The request this thread serves, or the one whose completion it runs. */
    public static Optional<RequestScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The request may only create its object, not replace one. */
    boolean ifNoneMatchAll() {
        return ifNoneMatchAll;
    }

    /** The object key of the request's path; null for a bucket or the service. */
    String key() {
        return key;
    }

    /** The uploadId of an AbortMultipartUpload, else null. */
    String abortedUploadId() {
        return abortedUploadId;
    }

    /** The flexible checksum the request names (an upload's). */
    public RequestedChecksum checksum() {
        return checksum;
    }

    /** A header of the answer, set by the storage before S3Proxy writes it (an upload's checksum, as S3 repeats it). */
    void answer(String header, String value) {
        answer.accept(header, value);
    }

    /** Keeps {@code lock} until the request is answered (S3Proxy answers a completion from another thread). */
    void hold(KeyLocks.Held lock) {
        held.add(lock);
    }

    /** The request is answered: this thread serves none, and the locks it held are released. */
    @Override
    public void close() {
        CURRENT.remove();
        held.forEach(KeyLocks.Held::close);
        held.clear();
    }
}
