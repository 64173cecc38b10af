package io.sqsextended.chain.local.s3.store;

import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The flexible checksum an upload names, as S3 reads it: {@code x-amz-checksum-<algorithm>} with its value,
 * {@code x-amz-trailer} (the value comes at the end of an aws-chunked body), or {@code x-amz-sdk-checksum-algorithm}
 * alone; for a CreateMultipartUpload, {@code x-amz-checksum-algorithm} and {@code x-amz-checksum-type}.
 */
public final class RequestedChecksum {

    /** What a request that is no upload names. */
    static final RequestedChecksum NONE = new RequestedChecksum(null, null, null);

    private final FlexibleChecksum algorithm;
    private final String type;
    private volatile String value;

    private RequestedChecksum(FlexibleChecksum algorithm, String value, String type) {
        this.algorithm = algorithm;
        this.value = value;
        this.type = type;
    }

    public static RequestedChecksum of(HttpServletRequest request) {
        for (String name : Collections.list(request.getHeaderNames())) {
            Optional<FlexibleChecksum> inHeader = FlexibleChecksum.ofHeader(name);
            if (inHeader.isPresent()) {
                return new RequestedChecksum(inHeader.get(), request.getHeader(name),
                        request.getHeader("x-amz-checksum-type"));
            }
        }
        String trailer = request.getHeader("x-amz-trailer");
        String sdk = request.getHeader("x-amz-sdk-checksum-algorithm");
        String multipart = request.getHeader("x-amz-checksum-algorithm");
        FlexibleChecksum named = Optional.ofNullable(trailer).flatMap(FlexibleChecksum::ofHeader)
                .or(() -> Optional.ofNullable(sdk).flatMap(FlexibleChecksum::named))
                .or(() -> Optional.ofNullable(multipart).flatMap(FlexibleChecksum::named)).orElse(null);
        return new RequestedChecksum(named, null, request.getHeader("x-amz-checksum-type"));
    }

    /** The algorithm named; empty when the upload names none (S3 then computes a CRC64NVME). */
    Optional<FlexibleChecksum> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /**
     * The checksum type a multipart upload asks for ({@code COMPOSITE}, {@code FULL_OBJECT}); empty when it names none.
     */
    Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The base64 value the client sent, in a header or the trailer; empty while there is none (yet). */
    Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** A trailing header of an aws-chunked body; the checksum's value if it is the named one. */
    public void trailer(String name, String trailerValue) {
        if (algorithm != null && algorithm.header().equalsIgnoreCase(name)) {
            value = trailerValue;
        }
    }
}
