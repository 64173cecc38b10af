package io.sqsextended.chain.local.s3;

import java.util.Locale;

import io.sqsextended.chain.local.s3.store.ChecksumBlobStore;
import io.sqsextended.chain.local.s3.store.FlexibleChecksum;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response as S3 gives an object's checksum: the store's own metadata ({@link ChecksumBlobStore}) never shows
 * as {@code x-amz-meta-}; with {@code x-amz-checksum-mode: ENABLED} it becomes {@code x-amz-checksum-<algorithm>}
 * and {@code x-amz-checksum-type}.
 */
final class ChecksumHeaders extends HttpServletResponseWrapper {

    private static final String STORED = "x-amz-meta-" + ChecksumBlobStore.METADATA_PREFIX;

    private final boolean enabled;

    ChecksumHeaders(HttpServletResponse response, boolean enabled) {
        super(response);
        this.enabled = enabled;
    }

    @Override
    public void addHeader(String name, String value) {
        String s3Name = translated(name);
        if (s3Name != null) {
            super.addHeader(s3Name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        String s3Name = translated(name);
        if (s3Name != null) {
            super.setHeader(s3Name, value);
        }
    }

    /** The header S3 gives for {@code name}; null for one it would not give. */
    private String translated(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(STORED)) {
            return name;
        }
        return enabled ? FlexibleChecksum.HEADER_PREFIX + lower.substring(STORED.length()) : null;
    }
}
