package io.sqsextended.chain.presign;

import io.sqsextended.chain.wire.S3Limits;
import org.junit.jupiter.api.Test;

import static io.sqsextended.chain.wire.S3Limits.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/** Multipart uploads use the preferred part size, grown in whole MiB when 10,000 parts would not hold the object. */
class PartLayoutTest {

    @Test
    void theLastPartTakesTheRest() {
        assertThat(PartLayout.of(11 * MIB + 123, 5 * MIB)).isEqualTo(new PartLayout(5 * MIB, 3, MIB + 123));
    }

    @Test
    void anExactMultipleEndsWithAFullPart() {
        assertThat(PartLayout.of(10 * MIB, 5 * MIB)).isEqualTo(new PartLayout(5 * MIB, 2, 5 * MIB));
    }

    @Test
    void anObjectSmallerThanOnePartIsOnePart() {
        assertThat(PartLayout.of(200, 5 * MIB)).isEqualTo(new PartLayout(5 * MIB, 1, 200));
    }

    @Test
    void theLargestObjectFitsIn10000PartsOfAGrownSize() {
        PartLayout layout = PartLayout.of(S3Limits.MAX_OBJECT_SIZE, 16 * MIB);

        assertThat(layout.partCount()).isLessThanOrEqualTo(10_000);
        assertThat(layout.partSize() % MIB).isZero();
        assertThat(layout.partSize()).isBetween(S3Limits.MIN_PART_SIZE, S3Limits.MAX_PART_SIZE);
        assertThat(layout.sizeOf(layout.partCount())).isEqualTo(layout.lastSize());
    }
}
