package io.sqsextended.chain.consumer.payload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.sqsextended.chain.testkit.Checksums;
import io.sqsextended.chain.testkit.EmbeddedStackExtension;
import io.sqsextended.chain.testkit.ServedGets;
import io.sqsextended.chain.local.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payload stream against the embedded S3, its GETs counted as S3 serves them: readers that start again replay the
 * bytes kept (64 KiB here) or send a GET of their own past them; every GET read to the end is checked once.
 */
class S3ObjectStreamTest {

    static final int REPLAY_LIMIT = 64 * 1024;

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
    static LocalAws local;
    static S3Client s3;
    static String bucket;
    static ServedGets gets;

    @BeforeAll
    static void start() {
        local = stack.local();
        s3 = stack.s3();
        bucket = stack.bucket();
        gets = ServedGets.open();
    }

    @AfterAll
    static void stop() {
        gets.close();
    }

    @Test
    void aReaderThatStartsAgainWithinTheBytesKeptIsVerifiedOnceFromOneGet() throws IOException {
        Opened opened = opened(bytes(REPLAY_LIMIT / 2), null);
        byte[] payload = opened.payload();
        S3ObjectStream stream = opened.stream();

        assertThat(stream.readNBytes(1000)).hasSize(1000);
        stream.reset();

        assertThat(stream.readAllBytes()).isEqualTo(payload);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(1);
    }

    @Test
    void aReaderThatStartsAgainPastTheBytesKeptSendsAGetOfItsOwnAndReadsTheWholeObject() throws IOException {
        Opened opened = opened(bytes(3 * REPLAY_LIMIT), null);
        byte[] payload = opened.payload();
        S3ObjectStream stream = opened.stream();

        assertThat(stream.readNBytes(2 * REPLAY_LIMIT)).hasSize(2 * REPLAY_LIMIT);
        stream.reset();

        assertThat(stream.readAllBytes()).isEqualTo(payload);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(2);
    }

    @Test
    void everyReaderOfBytesWithoutTheirChecksumFailsAtTheEnd() throws IOException {
        Opened opened = opened(bytes(1000), crc("other bytes".getBytes()));
        S3ObjectStream stream = opened.stream();
        assertThatThrownBy(stream::readAllBytes).isInstanceOf(ChecksumMismatchException.class);
        InputStream copy = (InputStream) stream.copy(null);
        stream.reset();

        assertThatThrownBy(stream::readAllBytes).isInstanceOf(ChecksumMismatchException.class);
        assertThatThrownBy(copy::readAllBytes).isInstanceOf(ChecksumMismatchException.class);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(1);
    }

    @Test
    void copiesReadOnTwoThreadsAtOnceGetTheWholeObjectFromOneGet() throws Exception {
        Opened opened = opened(bytes(REPLAY_LIMIT), null);
        byte[] payload = opened.payload();
        S3ObjectStream stream = opened.stream();
        InputStream first = (InputStream) stream.copy(null);
        InputStream second = (InputStream) stream.copy(null);

        CompletableFuture<byte[]> other = CompletableFuture.supplyAsync(() -> readAll(second));

        assertThat(first.readAllBytes()).isEqualTo(payload);
        assertThat(other.get()).isEqualTo(payload);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(1);
    }

    @Test
    void aCopyOfAnAbandonedStreamReadsTheObjectWithANewGet() throws IOException {
        Opened opened = opened(bytes(1000), null);
        byte[] payload = opened.payload();
        S3ObjectStream stream = opened.stream();
        assertThat(stream.readNBytes(10)).hasSize(10);

        stream.abandon();

        assertThatThrownBy(stream::read).hasMessageContaining("abandoned");
        assertThat(((InputStream) stream.copy(null)).readAllBytes()).isEqualTo(payload);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(2);
    }

    @Test
    void aDiscardedStreamReadsTheObjectAgainFromItsFirstByte() throws IOException {
        Opened opened = opened(bytes(1000), null);
        byte[] payload = opened.payload();
        S3ObjectStream stream = opened.stream();
        assertThat(stream.readAllBytes()).isEqualTo(payload);

        stream.discard();

        assertThat(stream.readAllBytes()).isEqualTo(payload);
        assertThat(gets.of(bucket, opened.key())).isEqualTo(2);
    }

    /** An object uploaded, and its stream. */
    record Opened(byte[] payload, String key, S3ObjectStream stream) {
    }

    /**
     * The payload uploaded and opened as the resolver opens it: the first GET sent, its response read first.
     * @param expected null: the payload's own checksum
     */
    private static Opened opened(byte[] payload, PayloadChecksum expected) {
        String key = "stream/" + UUID.randomUUID();
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(payload));
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return new Opened(payload, key,
                new S3ObjectStream(s3, get, payload.length, expected == null ? crc(payload) : expected,
                REPLAY_LIMIT, s3.getObject(get)));
    }

    private static PayloadChecksum crc(byte[] bytes) {
        return new PayloadChecksum(PayloadChecksum.Algorithm.CRC64NVME, Checksums.crc64Nvme(bytes));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
