package io.sqsextended.chain.presign;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.wire.Crc64Nvme;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.S3Limits;

/**
 * What producers may upload: a content type on the allow-list, a size up to {@code chain.upload.max-size}, and
 * user metadata that S3 stores as sent (lower-case names, printable ASCII values, 2 KB in all).
 */
public final class UploadRules {

    static final int MAX_CONTENT_TYPE_LENGTH = 256;
    static final int MAX_METADATA_ENTRIES = 64;
    static final int MAX_METADATA_BYTES = 2048;
    // RFC 9110 media type: type "/" subtype *( OWS ";" OWS parameter ), tokens and quoted strings
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "(" + TOKEN + ")/(" + TOKEN + ")((?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN
                    + "|\"[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]*\"))*)");
    private static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");

    private final List<String> allowedContentTypes;
    private final long maxSize;

    public UploadRules(List<String> allowedContentTypes, long maxSize) {
        this.allowedContentTypes = allowedContentTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        this.maxSize = maxSize;
    }

    /** The content type as given (it is signed verbatim), when it is well-formed and its type/subtype is allowed. */
    public String contentType(String contentType) {
        Matcher m = MEDIA_TYPE.matcher(contentType);
        if (!m.matches() || m.group(1).contains("*") || m.group(2).contains("*")) {
            throw Problem.invalid("contentType is not a media type such as text/plain or text/plain; charset=utf-8");
        }
        String type = m.group(1).toLowerCase(Locale.ROOT);
        String subtype = m.group(2).toLowerCase(Locale.ROOT);
        boolean allowed = allowedContentTypes.stream().anyMatch(entry -> entry.equals("*/*")
                || entry.equals(type + "/*") || entry.equals(type + "/" + subtype));
        if (!allowed) {
            throw new Problem(ProblemType.CONTENT_TYPE_NOT_ALLOWED,
                    "Content type " + type + "/" + subtype + " is not allowed; allowed: "
                            + String.join(", ", allowedContentTypes));
        }
        return contentType;
    }

    public long contentLength(long contentLength) {
        if (contentLength < 0) {
            throw new Problem(ProblemType.SIZE_NOT_ALLOWED, "contentLength must not be negative");
        }
        if (contentLength > maxSize) {
            throw new Problem(ProblemType.SIZE_NOT_ALLOWED,
                    "contentLength exceeds the largest upload, " + maxSize + " bytes");
        }
        return contentLength;
    }

    /** Whether S3 stores all of this checked metadata: its names and values, at most 2 KB. */
    static boolean fitsS3(Map<String, String> metadata) {
        return metadata.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum()
                <= MAX_METADATA_BYTES;
    }

    /** Metadata names lower-cased (S3 does), refused when S3 would alter or refuse them. */
    public Map<String, String> metadata(Map<String, String> metadata) {
        Map<String, String> checked = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            String value = entry.getValue();
            if (!METADATA_NAME.matcher(name).matches()) {
                throw Problem.invalid("metadata names must be 1 to 128 characters of a-z, 0-9 and '-', "
                        + "starting with a letter or digit");
            }
            if (checked.put(name, value) != null) {
                throw Problem.invalid("metadata names must differ in more than case");
            }
            if (value.codePoints().anyMatch(c -> c < 0x20 || c > 0x7e) || !value.equals(value.strip())) {
                throw Problem.invalid("metadata values must be printable ASCII without leading or trailing spaces");
            }
            bytes += name.getBytes(StandardCharsets.US_ASCII).length + value.length();
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw Problem.invalid("metadata exceeds S3's " + MAX_METADATA_BYTES + " bytes of user metadata");
        }
        return checked;
    }

    /**
     * The whole body's checksums an upload names under these member names (each null for none), as S3 takes them:
     * the canonical base64 of a SHA-256 (32 bytes) or a CRC64NVME (8 bytes), at most one (S3 would answer 400).
     */
    static S3Presigning.Checksums checksums(String sha256Name, String sha256, String crc64NvmeName, String crc64Nvme) {
        if (sha256 != null && !PayloadSha256.isWellFormed(sha256)) {
            throw Problem.invalid(sha256Name
                    + " must be the base64 of a SHA-256 (32 bytes, 44 characters), as S3's ChecksumSHA256");
        }
        if (sha256 != null && crc64Nvme != null) {
            throw Problem.invalid("Give one of " + sha256Name + " and " + crc64NvmeName
                    + ": S3 takes one checksum per upload");
        }
        return new S3Presigning.Checksums(sha256, crc64Nvme(crc64NvmeName, crc64Nvme));
    }

    /** A CRC64NVME as S3 takes it, or null; refused unless the canonical base64 of 8 bytes (S3 would answer 400). */
    static String crc64Nvme(String name, String checksum) {
        if (checksum != null && !Crc64Nvme.isWellFormed(checksum)) {
            throw Problem.invalid(name
                    + " must be the base64 of a CRC64NVME (8 bytes, 12 characters), as S3's ChecksumCRC64NVME");
        }
        return checksum;
    }

    /** A size given as a query parameter: decimal digits of a positive number. */
    static long positive(String name, String value) {
        // 18 digits always fit a long: nothing to catch
        if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9') || Long.parseLong(value) == 0) {
            throw Problem.invalid(name + " must be a positive number of bytes");
        }
        return Long.parseLong(value);
    }

    /** The layout of a plan from its size and part size, refused unless a plan of that size can have that part size. */
    static PartLayout planLayout(long contentLength, long partSize) {
        PartLayout layout = PartLayout.of(contentLength, partSize);
        if (partSize < S3Limits.MIN_PART_SIZE || partSize > S3Limits.MAX_PART_SIZE || layout.partSize() != partSize) {
            throw Problem.invalid("partSize is not one of a plan of this contentLength: give the plan's partSize");
        }
        return layout;
    }

    /** Upload ids come back to S3 in a query string or path: printable ASCII only. */
    static String uploadId(String uploadId) {
        if (uploadId.isEmpty() || uploadId.codePoints().anyMatch(c -> c <= 0x20 || c > 0x7e)) {
            throw Problem.invalid("uploadId must be the printable id of a multipart plan");
        }
        return uploadId;
    }
}
