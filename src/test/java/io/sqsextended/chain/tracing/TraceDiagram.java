package io.sqsextended.chain.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.sqsextended.chain.testkit.OtlpReceiver.ReceivedSpan;

/**
 * One trace's spans as a text timeline (Markdown): each span under its parent, with its start after the trace's
 * first and its duration, and a bar on a common scale. Spans whose parent is not in the trace are roots.
 */
final class TraceDiagram {

    private static final int WIDTH = 48;

    private TraceDiagram() {
    }

    static String render(List<ReceivedSpan> trace) {
        long first = trace.stream().mapToLong(ReceivedSpan::startNanos).min().orElse(0);
        long last = trace.stream().mapToLong(ReceivedSpan::endNanos).max().orElse(first + 1);
        double scale = WIDTH / (double) Math.max(1, last - first);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-34s %-22s %9s %9s  %s", "span", "scope", "start ms", "ms",
                "timeline"));
        trace.stream().filter(span -> trace.stream().noneMatch(p -> p.spanId().equals(span.parentSpanId())))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(root -> add(lines, trace, root, 0, first, scale));
        return String.join("\n", lines) + "\n";
    }

    private static void add(List<String> lines, List<ReceivedSpan> trace, ReceivedSpan span, int depth, long first,
            double scale) {
        int from = (int) Math.round((span.startNanos() - first) * scale);
        int length = Math.max(1, (int) Math.round((span.endNanos() - span.startNanos()) * scale));
        String bar = " ".repeat(Math.min(from, WIDTH - 1)) + "█".repeat(Math.min(length, WIDTH - from + 1));
        lines.add(String.format(Locale.ROOT, "%-34s %-22s %9.1f %9.1f  |%-" + (WIDTH + 1) + "s|",
                "  ".repeat(depth) + span.name() + (span.error() ? " (error)" : ""), span.scope(),
                (span.startNanos() - first) / 1e6, (span.endNanos() - span.startNanos()) / 1e6, bar));
        trace.stream().filter(child -> child.parentSpanId().equals(span.spanId()))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(child -> add(lines, trace, child, depth + 1, first, scale));
    }
}
