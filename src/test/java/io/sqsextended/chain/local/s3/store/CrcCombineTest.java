package io.sqsextended.chain.local.s3.store;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import io.sqsextended.chain.wire.Crc64Nvme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRC of two runs end to end, combined from theirs, is the CRC of the whole (as S3's FULL_OBJECT checksums need).
 */
class CrcCombineTest {

    private final byte[] a = new byte[5 * 1024 * 1024 + 17];
    private final byte[] b = "the last part".getBytes(StandardCharsets.UTF_8);

    CrcCombineTest() {
        new Random(15).nextBytes(a);
    }

    @Test
    void crc64NvmeOfTheCheckStringIsThePublishedCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void combinedCrc32IsTheCrc32OfTheWhole() {
        assertThat(combined(CRC32::new, 0xEDB88320L, 32)).isEqualTo(whole(CRC32::new));
    }

    @Test
    void combinedCrc32cIsTheCrc32cOfTheWhole() {
        assertThat(combined(CRC32C::new, 0x82F63B78L, 32)).isEqualTo(whole(CRC32C::new));
    }

    @Test
    void combinedCrc64NvmeIsTheCrc64NvmeOfTheWhole() {
        assertThat(combined(Crc64Nvme::new, 0x9A6C9329AC4BC9B5L, 64)).isEqualTo(whole(Crc64Nvme::new));
    }

    private long combined(Supplier<Checksum> algorithm, long polynomial, int width) {
        return CrcCombine.combine(of(algorithm, a), of(algorithm, b), b.length, polynomial, width);
    }

    private long whole(Supplier<Checksum> algorithm) {
        Checksum crc = algorithm.get();
        crc.update(a, 0, a.length);
        crc.update(b, 0, b.length);
        return crc.getValue();
    }

    private static long of(Supplier<Checksum> algorithm, byte[] bytes) {
        Checksum crc = algorithm.get();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
