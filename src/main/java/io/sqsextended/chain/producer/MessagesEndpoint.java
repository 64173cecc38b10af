package io.sqsextended.chain.producer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.sqsextended.chain.api.HttpReply;
import io.sqsextended.chain.api.Problem;
import io.sqsextended.chain.api.ProblemType;
import io.sqsextended.chain.presign.UploadRules;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@code POST /v1/messages}: the request body is the payload (streamed, never held), its Content-Type and
 * {@code x-message-attribute-*} headers travel along, for a FIFO queue {@code x-message-group-id} and
 * {@code x-message-deduplication-id} too; answers 202 with the SQS message id and whether it was offloaded.
 */
public final class MessagesEndpoint {

    static final String ATTRIBUTE_HEADER = "x-message-attribute-";
    static final String GROUP_ID_HEADER = "x-message-group-id";
    static final String DEDUPLICATION_ID_HEADER = "x-message-deduplication-id";
    private static final Logger LOG = LoggerFactory.getLogger(MessagesEndpoint.class);
    // SQS: letters, digits, underscore, hyphen and period, not starting with AWS. or Amazon.
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("(?!(?i)aws\\.|amazon\\.)[A-Za-z0-9_.-]{1,256}");

    private final ExtendedPublisher publisher;
    private final UploadRules rules;
    private final long maxSize;
    private final Supplier<String> queueUrl;

    public MessagesEndpoint(ExtendedPublisher publisher, UploadRules rules, long maxSize, Supplier<String> queueUrl) {
        this.publisher = publisher;
        this.rules = rules;
        this.maxSize = maxSize;
        this.queueUrl = queueUrl;
    }

    public HttpReply publish(Exchange exchange) {
        Message in = exchange.getMessage();
        String contentType = rules.contentType(
                in.getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class));
        Long declared = in.getHeader("Content-Length", Long.class);
        long length = declared == null ? -1 : rules.contentLength(declared);
        InputStream body = in.getBody(InputStream.class);
        if (body == null) {
            throw Problem.invalid("The request body is the payload; it is empty");
        }
        OutgoingMessage message = new OutgoingMessage(new LimitedStream(body, maxSize), length, contentType,
                attributes(in)).inGroup(in.getHeader(GROUP_ID_HEADER, String.class),
                in.getHeader(DEDUPLICATION_ID_HEADER, String.class));
        PublishResult result;
        try {
            result = publisher.publish(queueUrl.get(), message);
        } catch (FifoIdException e) {
            throw Problem.invalid(e.detail(GROUP_ID_HEADER, DEDUPLICATION_ID_HEADER));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage());
        } catch (PublishException e) {
            LOG.warn("Publishing failed: {}", e.getMessage());
            throw new Problem(ProblemType.STORAGE_UNAVAILABLE,
                    "The message could not be queued; nothing was kept. Try again.");
        }
        LOG.info("Queued message {} ({} bytes, {})", result.messageId(), result.size(), result.offloaded()
                ? "offloaded to " + result.key() : "inline");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", result.messageId());
        answer.put("offloaded", result.offloaded());
        answer.put("size", result.size());
        if (result.key() != null) {
            answer.put("key", result.key());
        }
        return HttpReply.json(202, answer);
    }

    private static Map<String, MessageAttributeValue> attributes(Message in) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        in.getHeaders().forEach((header, value) -> {
            if (header.toLowerCase(Locale.ROOT).startsWith(ATTRIBUTE_HEADER)) {
                String name = header.substring(ATTRIBUTE_HEADER.length());
                if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                    throw Problem.invalid("Message attribute name '" + name + "' is not allowed by SQS");
                }
                attributes.put(name, OutgoingMessage.stringAttribute(value.toString()));
            }
        });
        return attributes;
    }

    /** Refuses a body of unknown length once it grows past the largest payload. */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new Problem(ProblemType.REQUEST_TOO_LARGE,
                        "The payload exceeds the largest accepted, " + limit + " bytes");
            }
        }
    }
}
