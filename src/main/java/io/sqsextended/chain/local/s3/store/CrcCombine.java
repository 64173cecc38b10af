package io.sqsextended.chain.local.s3.store;

/**
 * The CRC of two byte runs put end to end from the CRC of each and the second's length, without reading them again
 * (the zero-operator method of zlib's crc32_combine, for any reflected CRC whose initial value and final xor are all
 * ones: CRC32, CRC32C, CRC64NVME). S3 builds a multipart object's FULL_OBJECT checksum this way from its parts'.
 */
final class CrcCombine {

    private CrcCombine() {
    }

    /** {@code crc(a ++ b)} from {@code crc(a)}, {@code crc(b)} and the length of {@code b}. */
    static long combine(long crcA, long crcB, long lengthB, long reflectedPolynomial, int width) {
        if (lengthB == 0) {
            return crcA;
        }
        long[] odd = new long[width];
        long[] even = new long[width];
        // the operator for one zero bit, then squared to two and four bits
        odd[0] = reflectedPolynomial;
        for (int n = 1; n < width; n++) {
            odd[n] = 1L << (n - 1);
        }
        square(even, odd);
        square(odd, even);
        long crc = crcA;
        long length = lengthB;
        // each round squares the operator (one byte, two, four, ...) and applies it where the length has a one bit
        do {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < matrix.length; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
