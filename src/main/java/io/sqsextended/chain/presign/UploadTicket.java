package io.sqsextended.chain.presign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /v1/uploads}: one presigned PUT ({@code url}, {@code headers}), or, above the multipart
 * threshold, a multipart plan ({@code uploadId}, {@code partSize}, {@code parts}) to finish with
 * {@code POST /v1/uploads/complete}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadTicket(
        String bucket,
        @Schema(description = "Key the object will have")
        String key,
        @Schema(description = "Always PUT")
        String method,
        @Schema(description = "Presigned URL of a single PUT (absent in a multipart plan)")
        String url,
        @Schema(description = "Headers the PUT must send exactly as given (Content-Length: a body of exactly that "
                + "size; If-None-Match: * makes S3 refuse, 412, to replace an object; x-amz-checksum-sha256, when the "
                + "request gave checksumSha256, and x-amz-checksum-crc64nvme, when it gave checksumCrc64Nvme, make S3 "
                + "refuse, 400 BadDigest, other bytes)")
        Map<String, String> headers,
        @Schema(description = "Multipart plan: id of the upload")
        String uploadId,
        @Schema(description = "Multipart plan: size of every part but the last")
        Long partSize,
        @Schema(description = "Multipart plan: a presigned PUT per part")
        List<PartUrl> parts,
        @Schema(description = "When the URLs stop working (ISO-8601)")
        String expiresAt,
        @Schema(description = "Multipart plan: the checksumCrc64Nvme the request gave, to send back with POST "
                + "/v1/uploads/complete")
        String checksumCrc64Nvme) {

    private static final String PUT = "PUT";

    /** A single presigned PUT of {@code key}. */
    static UploadTicket singlePut(String bucket, String key, S3Presigning.Presigned put) {
        return new UploadTicket(bucket, key, PUT, put.url().toString(), put.headers(), null, null, null,
                put.expiresAt().toString(), null);
    }

    /**
     * A multipart plan of {@code key}: a presigned PUT per part, to finish with {@code POST /v1/uploads/complete}.
     *
     * @param crc64Nvme the request's whole-object checksum to echo, or null when it named none
     */
    static UploadTicket multipartPlan(String bucket, String key, S3Presigning.MultipartPlan plan, PartLayout layout,
                                      String crc64Nvme) {
        List<Integer> partNumbers = IntStream.rangeClosed(1, layout.partCount()).boxed().toList();
        return new UploadTicket(bucket, key, PUT, null, null, plan.uploadId(), layout.partSize(),
                PartUrl.of(layout, partNumbers, plan.parts()), plan.parts().get(0).expiresAt().toString(), crc64Nvme);
    }

    /** One part of a multipart plan: PUT exactly {@code size} bytes to {@code url}, keep the ETag it answers. */
    public record PartUrl(int partNumber, String url, long size) {

        /**
         * The presigned PUTs ({@code urls}) of {@code partNumbers}, in that order, each of its size in {@code layout}.
         */
        static List<PartUrl> of(PartLayout layout, List<Integer> partNumbers, List<S3Presigning.Presigned> urls) {
            List<PartUrl> parts = new ArrayList<>(partNumbers.size());
            for (int i = 0; i < partNumbers.size(); i++) {
                int partNumber = partNumbers.get(i);
                parts.add(new PartUrl(partNumber, urls.get(i).url().toString(), layout.sizeOf(partNumber)));
            }
            return List.copyOf(parts);
        }
    }
}
