package io.sqsextended.chain.testkit;

import java.util.Base64;

import io.sqsextended.chain.wire.Crc64Nvme;

/** Test kit: checksums in S3's base64 form, as a producer computes them. */
public final class Checksums {

    private Checksums() {
    }

    /** The CRC64NVME of the parts put end to end. */
    public static String crc64Nvme(byte[]... parts) {
        Crc64Nvme crc = new Crc64Nvme();
        for (byte[] part : parts) {
            crc.update(part, 0, part.length);
        }
        return Base64.getEncoder().encodeToString(crc.bytes());
    }
}
