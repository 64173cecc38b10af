package io.sqsextended.chain.presign;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;

import static org.assertj.core.api.Assertions.assertThat;

/** S3 lists at most 1,000 parts per ListParts: an upload of more is read page after page. */
class ListPartsPagesTest {

    static final int PAGE = 1000;

    @Test
    void partsPastTheFirstThousandAreListed() {
        List<ListPartsRequest> requests = new ArrayList<>();
        S3Presigning transfers = new S3Presigning(pagedS3(2500, requests), null, "bucket", null);

        List<UploadProgress.StoredPart> parts = transfers.listParts("input/big.bin", "upload-1");

        assertThat(parts).extracting(UploadProgress.StoredPart::partNumber)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 2500).boxed().toList());
        assertThat(requests).extracting(ListPartsRequest::partNumberMarker).containsExactly(null, 1000, 2000);
    }

    /**
     * An S3 client that has {@code count} parts of any upload and lists them {@link #PAGE} at a time, recording the
     * requests.
     */
    private static S3Client pagedS3(int count, List<ListPartsRequest> requests) {
        InvocationHandler handler = (proxy, method, args) -> {
            boolean listParts = method.getName().equals("listParts") && args[0] instanceof ListPartsRequest;
            if (!listParts) {
                // the paginator and the request builders are default methods over listParts
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            ListPartsRequest request = (ListPartsRequest) args[0];
            requests.add(request);
            int from = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
            int to = Math.min(count, from + PAGE);
            return ListPartsResponse.builder().isTruncated(to < count).nextPartNumberMarker(to)
                    .parts(IntStream.rangeClosed(from + 1, to)
                            .mapToObj(n -> Part.builder().partNumber(n).size(5L << 20).eTag("\"e" + n + "\"").build())
                            .toList())
                    .build();
        };
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                handler);
    }
}
