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
import io.sqsextended.chain.wire.S3Limits;
import io.sqsextended.chain.wire.SqsLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Publishes payloads of any size the way the AWS SQS Extended Client libraries do: inline when body and attributes
 * fit under the threshold, otherwise streamed to S3 with a pointer message on SQS. Wire-compatible with them.
 */
public final class ExtendedPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendedPublisher.class);
    // the libraries add their size attribute to the user's, and SQS allows 10
    private static final int MAX_USER_ATTRIBUTES = 9;

    private final S3Client s3;
    private final SqsClient sqs;
    private final ExtendedSettings settings;

    public ExtendedPublisher(S3Client s3, SqsClient sqs, ExtendedSettings settings) {
        this.s3 = s3;
        this.sqs = sqs;
        this.settings = settings;
    }

    public PublishResult publish(String queueUrl, OutgoingMessage message) {
        Prepared prepared = prepare(message);
        try {
            String id = sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(prepared.body())
                    .messageAttributes(prepared.attributes()))
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
        List<Prepared> prepared = new ArrayList<>();
        try {
            messages.forEach(message -> prepared.add(prepare(message)));
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
                        .messageAttributes(prepared.get(i).attributes()).build()).toList();
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

    private Prepared prepare(OutgoingMessage message) {
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
                return new Prepared(inline.get(), marked, null, head.length, head.length + attributesSize);
            }
            // too large after all, or not text SQS can carry: offload what was read and the rest
            body = new SequenceInputStream(new ByteArrayInputStream(head), body);
        }
        return offload(body, message.length(), message.contentType(), attributes);
    }

    private Prepared offload(InputStream body, long length, String contentType,
            Map<String, MessageAttributeValue> attributes) {
        String key = settings.keyPrefix() + UUID.randomUUID();
        PayloadSha256.Digesting digested = PayloadSha256.digesting(body);
        long size = length >= 0 && length <= S3Limits.MAX_SINGLE_PUT ? put(key, digested, length, contentType)
                : putInParts(key, digested, contentType);
        Map<String, MessageAttributeValue> withSize = new HashMap<>(attributes);
        withSize.put(settings.sizeAttributeName(), MessageAttributeValue.builder().dataType("Number")
                .stringValue(Long.toString(size)).build());
        // nine attributes of the caller's and the size attribute leave SQS no room for it
        if (withSize.size() < SqsLimits.MAX_MESSAGE_ATTRIBUTES) {
            withSize.put(PayloadSha256.ATTRIBUTE, digested.attribute());
        }
        String pointer = new PayloadPointer(settings.bucket(), key).toJson();
        LOG.debug("Offloaded {} bytes to s3://{}/{}", size, settings.bucket(), key);
        return new Prepared(pointer, withSize, key, size, pointer.getBytes(StandardCharsets.UTF_8).length
                + attributesSize(withSize));
    }

    private long put(String key, InputStream body, long length, String contentType) {
        s3.putObject(r -> {
            r.bucket(settings.bucket()).key(key).contentType(contentType).contentLength(length);
            if (settings.kmsKeyId() != null) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            }
        }, RequestBody.fromInputStream(body, length));
        return length;
    }

    /** A stream of unknown (or over 5 GiB) length: multipart, one part buffer in memory at a time. */
    private long putInParts(String key, InputStream body, String contentType) {
        byte[] part = new byte[settings.partSize()];
        int read = readFully(body, part);
        if (read < part.length) {
            return put(key, new ByteArrayInputStream(part, 0, read), read, contentType);
        }
        String uploadId = s3.createMultipartUpload(r -> {
            r.bucket(settings.bucket()).key(key).contentType(contentType);
            if (settings.kmsKeyId() != null) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            }
        }).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (read > 0) {
                int number = parts.size() + 1;
                int length = read;
                String eTag = s3.uploadPart(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                total += read;
                read = readFully(body, part);
            }
            s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            return total;
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId));
            throw e;
        }
    }

    /** No pointer to nothing, and no object without a pointer: remove what a failed send offloaded. */
    private void discard(Prepared prepared) {
        if (prepared.key() == null) {
            return;
        }
        try {
            s3.deleteObject(r -> r.bucket(settings.bucket()).key(prepared.key()));
        } catch (RuntimeException e) {
            LOG.warn("Could not remove s3://{}/{} after a failed send; the lifecycle rule will: {}", settings.bucket(),
                    prepared.key(), e.toString());
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

    private static int readFully(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message ready to send: inline, or a pointer to an object already in S3. */
    record Prepared(String body, Map<String, MessageAttributeValue> attributes, String key, long size, int wireSize) {

        PublishResult result(String messageId) {
            return new PublishResult(messageId, key != null, key, size, null);
        }

        PublishResult failure(String error) {
            return new PublishResult(null, key != null, key, size, error);
        }
    }
}
