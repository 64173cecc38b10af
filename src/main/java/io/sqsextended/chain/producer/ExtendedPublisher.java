package io.sqsextended.chain.producer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.sqsextended.chain.wire.InlineMark;
import io.sqsextended.chain.wire.PayloadPointer;
import io.sqsextended.chain.wire.PayloadSha256;
import io.sqsextended.chain.wire.SqsLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Publishes payloads of any size the way the AWS SQS Extended Client libraries do: inline when body and attributes
 * fit under the threshold, otherwise streamed to S3 with a pointer message on SQS. Wire-compatible with them. To a
 * FIFO queue with the message's group and deduplication ids, checked against the queue ({@code QueueKinds}) first.
 */
public final class ExtendedPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendedPublisher.class);
    // the libraries add their size attribute to the user's, and SQS allows 10
    private static final int MAX_USER_ATTRIBUTES = 9;

    private final SqsClient sqs;
    private final ExtendedSettings settings;
    private final PayloadUploads uploads;
    private final QueueKinds queueKinds;

    public ExtendedPublisher(S3Client s3, SqsClient sqs, ExtendedSettings settings) {
        this.sqs = sqs;
        this.settings = settings;
        this.uploads = new PayloadUploads(s3, settings);
        this.queueKinds = new QueueKinds(sqs);
    }

    public PublishResult publish(String queueUrl, OutgoingMessage message) {
        Prepared prepared = prepare(queueKinds.check(queueUrl, message), message);
        try {
            String id = sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(prepared.body())
                    .messageAttributes(prepared.attributes()).messageGroupId(prepared.groupId())
                    .messageDeduplicationId(prepared.deduplicationId()))
                    .messageId();
            return prepared.result(id);
        } catch (RuntimeException e) {
            discard(prepared);
            throw new PublishException("SQS refused the message: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes several payloads in as few SendMessageBatch calls as the limits allow: 10 entries and 1 MiB in total
     * per call (the AWS Java library checks only each entry). Entries that fail are reported, their objects removed.
     */
    public List<PublishResult> publishBatch(String queueUrl, List<OutgoingMessage> messages) {
        // every message's ids checked before anything is uploaded
        messages.forEach(message -> queueKinds.check(queueUrl, message));
        QueueKinds.Kind kind = queueKinds.of(queueUrl);
        List<Prepared> prepared = new ArrayList<>();
        try {
            messages.forEach(message -> prepared.add(prepare(kind, message)));
        } catch (RuntimeException e) {
            prepared.forEach(this::discard);
            throw e;
        }
        PublishResult[] results = new PublishResult[prepared.size()];
        for (List<Integer> batch : batches(prepared)) {
            send(queueUrl, prepared, batch, results);
        }
        return List.of(results);
    }

    private void send(String queueUrl, List<Prepared> prepared, List<Integer> batch, PublishResult[] results) {
        List<SendMessageBatchRequestEntry> entries = batch.stream().map(i -> SendMessageBatchRequestEntry.builder()
                .id(String.valueOf(i)).messageBody(prepared.get(i).body())
                        .messageAttributes(prepared.get(i).attributes()).messageGroupId(prepared.get(i).groupId())
                        .messageDeduplicationId(prepared.get(i).deduplicationId()).build()).toList();
        try {
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            response.successful().forEach(ok -> results[Integer.parseInt(ok.id())] =
                    prepared.get(Integer.parseInt(ok.id())).result(ok.messageId()));
            response.failed().forEach(failed -> {
                Prepared entry = prepared.get(Integer.parseInt(failed.id()));
                discard(entry);
                results[Integer.parseInt(failed.id())] = entry.failure(failed.code() + ": " + failed.message());
            });
        } catch (RuntimeException e) {
            batch.forEach(i -> {
                discard(prepared.get(i));
                results[i] = prepared.get(i).failure(e.getMessage());
            });
        }
    }

    /** Groups entries, in order, so that no batch has more than 10 entries or 1 MiB of bodies and attributes. */
    static List<List<Integer>> batches(List<Prepared> prepared) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long currentSize = 0;
        for (int i = 0; i < prepared.size(); i++) {
            int size = prepared.get(i).wireSize();
            if (!current.isEmpty() && (current.size() == SqsLimits.MAX_BATCH_ENTRIES || currentSize
                    + size > SqsLimits.MAX_MESSAGE_SIZE)) {
                batches.add(current);
                current = new ArrayList<>();
                currentSize = 0;
            }
            current.add(i);
            currentSize += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private Prepared prepare(QueueKinds.Kind kind, OutgoingMessage message) {
        Map<String, MessageAttributeValue> attributes = message.attributes();
        checkAttributes(attributes);
        // whatever an inline body looks like (a pointer, an S3 event), the consumer delivers it as it is
        Map<String, MessageAttributeValue> marked = new HashMap<>(attributes);
        marked.put(InlineMark.ATTRIBUTE, InlineMark.VALUE);
        int attributesSize = attributesSize(marked);
        InputStream body = message.body();
        if (!settings.alwaysThroughS3() && attributesSize <= settings.threshold()
                && (message.length() < 0 || message.length() + attributesSize <= settings.threshold())) {
            byte[] head = readUpTo(body, settings.threshold() - attributesSize + 1);
            Optional<String> inline = head.length + attributesSize <= settings.threshold() ? sqsText(head)
                    : Optional.empty();
            if (inline.isPresent()) {
                return new Prepared(inline.get(), marked, null, head.length, head.length + attributesSize,
                        message.messageGroupId(), message.messageDeduplicationId());
            }
            // too large after all, or not text SQS can carry: offload what was read and the rest
            body = new SequenceInputStream(new ByteArrayInputStream(head), body);
        }
        return offload(body, message, kind == QueueKinds.Kind.FIFO_CONTENT_DEDUPLICATION);
    }

    /**
     * Streams the body to S3 and makes its pointer message. A queue deduplicating by content would hash the pointer,
     * new for every upload: the payload's SHA-256 is its deduplication id instead, unless the caller gave one.
     */
    private Prepared offload(InputStream body, OutgoingMessage message, boolean contentDeduplication) {
        String key = settings.keyPrefix() + UUID.randomUUID();
        PayloadSha256.Digesting digested = PayloadSha256.digesting(body);
        long size = uploads.upload(key, digested, message.length(), message.contentType());
        Map<String, MessageAttributeValue> withSize = new HashMap<>(message.attributes());
        withSize.put(settings.sizeAttributeName(), MessageAttributeValue.builder().dataType("Number")
                .stringValue(Long.toString(size)).build());
        // nine attributes of the caller's and the size attribute leave SQS no room for it
        if (withSize.size() < SqsLimits.MAX_MESSAGE_ATTRIBUTES) {
            withSize.put(PayloadSha256.ATTRIBUTE, digested.attribute());
        }
        String pointer = new PayloadPointer(settings.bucket(), key).toJson();
        LOG.debug("Offloaded {} bytes to s3://{}/{}", size, settings.bucket(), key);
        String deduplicationId = message.messageDeduplicationId() == null && contentDeduplication
                ? digested.attribute().stringValue() : message.messageDeduplicationId();
        return new Prepared(pointer, withSize, key, size, pointer.getBytes(StandardCharsets.UTF_8).length
                + attributesSize(withSize), message.messageGroupId(), deduplicationId);
    }

    /** No pointer to nothing, and no object without a pointer: remove what a failed send offloaded. */
    private void discard(Prepared prepared) {
        if (prepared.key() != null) {
            uploads.discard(prepared.key());
        }
    }

    private static void checkAttributes(Map<String, MessageAttributeValue> attributes) {
        if (attributes.size() > MAX_USER_ATTRIBUTES) {
            throw new IllegalArgumentException("At most " + MAX_USER_ATTRIBUTES
                    + " message attributes: the size attribute needs the tenth");
        }
        for (String reserved : List.of(PayloadPointer.SIZE_ATTRIBUTE, PayloadPointer.LEGACY_SIZE_ATTRIBUTE,
                InlineMark.ATTRIBUTE, PayloadSha256.ATTRIBUTE)) {
            if (attributes.containsKey(reserved)) {
                throw new IllegalArgumentException("Message attribute " + reserved
                        + " is reserved: the publisher sets it");
            }
        }
    }

    /** Body-size accounting of the AWS libraries: names, data types and values of all attributes. */
    static int attributesSize(Map<String, MessageAttributeValue> attributes) {
        int size = 0;
        for (var entry : attributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            size += utf8Length(entry.getKey()) + utf8Length(value.dataType()) + utf8Length(value.stringValue());
            size += value.binaryValue() == null ? 0 : value.binaryValue().asByteArrayUnsafe().length;
        }
        return size;
    }

    /** The bytes as an SQS body: valid UTF-8 of the characters SQS accepts, else nothing. */
    static Optional<String> sqsText(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        boolean allowed = !text.isEmpty() && text.codePoints().allMatch(SqsLimits::isAllowed);
        return allowed ? Optional.of(text) : Optional.empty();
    }

    private static int utf8Length(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] readUpTo(InputStream in, int limit) {
        try {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message ready to send: inline, or a pointer to an object already in S3. */
    record Prepared(String body, Map<String, MessageAttributeValue> attributes, String key, long size, int wireSize,
                    String groupId, String deduplicationId) {

        PublishResult result(String messageId) {
            return new PublishResult(messageId, key != null, key, size, null);
        }

        PublishResult failure(String error) {
            return new PublishResult(null, key != null, key, size, error);
        }
    }
}
