package io.sqsextended.chain.consumer.payload;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of S3's answered checksums a payload is verified with, and which cannot be used (moto's 4-byte CRC64NVME). */
class PayloadChecksumTest {

    static final String CRC64NVME = "AAAAAAAAAAE=";
    static final String MOTOS_MULTIPART_CRC64NVME = "wqBKmg==";

    @Test
    void aFullObjectCrc64NvmeOfEightBytesIsVerified() {
        GetObjectResponse response = GetObjectResponse.builder().checksumType(ChecksumType.FULL_OBJECT)
                .checksumCRC64NVME(CRC64NVME).build();

        assertThat(PayloadChecksum.of(null, response))
                .contains(new PayloadChecksum(PayloadChecksum.Algorithm.CRC64NVME, CRC64NVME));
        assertThat(PayloadChecksum.malformed(response)).isEmpty();
    }

    @Test
    void aCrc64NvmeOfTheWrongLengthIsNotVerifiedAndSaysWhy() {
        GetObjectResponse response = GetObjectResponse.builder().checksumType(ChecksumType.FULL_OBJECT)
                .checksumCRC64NVME(MOTOS_MULTIPART_CRC64NVME).build();

        assertThat(PayloadChecksum.of(null, response)).isEmpty();
        assertThat(PayloadChecksum.malformed(response)).contains(
                "ChecksumCRC64NVME wqBKmg== is 4 bytes, a CRC64NVME has 8: not verifiable");
    }

    @Test
    void aSha256OfTheWrongLengthLeavesTheCrc64NvmeToVerifyWith() {
        GetObjectResponse response = GetObjectResponse.builder().checksumSHA256("AAAA").checksumCRC64NVME(CRC64NVME)
                .build();

        assertThat(PayloadChecksum.of(null, response))
                .contains(new PayloadChecksum(PayloadChecksum.Algorithm.CRC64NVME, CRC64NVME));
    }

    @Test
    void theProducersSha256WinsOverAMalformedStoredChecksum() {
        String sha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        GetObjectResponse response = GetObjectResponse.builder().checksumCRC64NVME(MOTOS_MULTIPART_CRC64NVME).build();

        assertThat(PayloadChecksum.of(sha256, response))
                .contains(new PayloadChecksum(PayloadChecksum.Algorithm.SHA256, sha256));
    }
}
