package io.sqsextended.chain.wire;

/** SQS's limits on messages and batches, and the characters a message may carry. */
public final class SqsLimits {

    /** The message size limit, body and attributes together, since August 2025. */
    public static final int MAX_MESSAGE_SIZE = 1_048_576;
    /** Entries of one SendMessageBatch or DeleteMessageBatch, and messages of one receive. */
    public static final int MAX_BATCH_ENTRIES = 10;
    /** Message attributes of one message. */
    public static final int MAX_MESSAGE_ATTRIBUTES = 10;

    private SqsLimits() {
    }

    /** SQS refuses characters outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
    public static boolean isAllowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    /** The text with every character SQS refuses replaced by {@code ?}. */
    public static String sanitized(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(isAllowed(c) ? c : '?'));
        return safe.toString();
    }
}
