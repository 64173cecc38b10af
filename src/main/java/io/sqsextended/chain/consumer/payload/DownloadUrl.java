package io.sqsextended.chain.consumer.payload;

import java.util.function.Supplier;

/**
 * The value of {@link io.sqsextended.chain.wire.PayloadHeaders#DOWNLOAD_URL}: presigned when first read as text (Camel
 * converts headers to String with {@code toString()}), since a downstream that reads the body seldom needs it and a
 * signature costs CPU.
 */
final class DownloadUrl {

    private final Supplier<String> presign;
    private volatile String url;

    DownloadUrl(Supplier<String> presign) {
        this.presign = presign;
    }

    @Override
    public String toString() {
        String value = url;
        if (value == null) {
            value = presign.get();
            url = value;
        }
        return value;
    }
}
