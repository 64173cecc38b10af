package io.sqsextended.chain.tracing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's {@code AWSTraceHeader} (X-Ray: {@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=1}) as a W3C
 * {@code traceparent}: the same trace and parent ids, as the ADOT collector maps them.
 */
final class XRayTraceHeader {

    private static final Pattern ROOT = Pattern.compile("(?:^|;)\\s*Root=1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})");
    private static final Pattern PARENT = Pattern.compile("(?:^|;)\\s*Parent=([0-9a-fA-F]{16})");
    private static final Pattern SAMPLED = Pattern.compile("(?:^|;)\\s*Sampled=1");

    private XRayTraceHeader() {
    }

    /** Empty when the header lacks a root or a parent (X-Ray's "sampling decision only" form). */
    static Optional<String> toTraceparent(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher root = ROOT.matcher(header);
        Matcher parent = PARENT.matcher(header);
        if (!root.find() || !parent.find()) {
            return Optional.empty();
        }
        String flags = SAMPLED.matcher(header).find() ? "01" : "00";
        return Optional.of(("00-" + root.group(1) + root.group(2) + "-" + parent.group(1) + "-" + flags)
                .toLowerCase(Locale.ROOT));
    }
}
