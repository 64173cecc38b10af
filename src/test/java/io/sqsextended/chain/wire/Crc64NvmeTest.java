package io.sqsextended.chain.wire;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CRC-64/NVME computed eight bytes at a time gives the value of its bit-by-bit definition, whatever the split. */
class Crc64NvmeTest {

    private static final long POLYNOMIAL = 0x9A6C9329AC4BC9B5L;

    @Test
    void theCheckStringHasTheCatalogueValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void everyLengthAndOffsetMatchesTheBitwiseDefinition() {
        byte[] data = new byte[300];
        new Random(16).nextBytes(data);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len <= data.length - off; len++) {
                Crc64Nvme crc = new Crc64Nvme();
                crc.update(data, off, len);
                assertThat(crc.getValue()).as("offset %d, length %d", off, len).isEqualTo(bitwise(data, off, len));
            }
        }
    }

    @Test
    void updatesInPiecesEqualOneUpdate() {
        byte[] data = new byte[4096 + 13];
        new Random(64).nextBytes(data);
        Crc64Nvme whole = new Crc64Nvme();
        whole.update(data, 0, data.length);
        Crc64Nvme pieces = new Crc64Nvme();
        Random cuts = new Random(5);
        for (int off = 0; off < data.length; ) {
            int len = Math.min(data.length - off, cuts.nextInt(20));
            if (len == 1) {
                pieces.update(data[off]);
            } else {
                pieces.update(data, off, len);
            }
            off += len;
        }
        assertThat(pieces.getValue()).isEqualTo(whole.getValue());
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        assertThatThrownBy(() -> new Crc64Nvme().update(new byte[8], 4, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static long bitwise(byte[] data, int off, int len) {
        long crc = -1L;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
            }
        }
        return ~crc;
    }
}
