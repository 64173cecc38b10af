package io.sqsextended.chain.presign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.wire.Crc64Nvme;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's CRC64NVME in JavaScript (run by node) gives what wire.Crc64Nvme gives, which S3 compares. */
class UploadPageChecksumTest {

    private static final Path SCRIPT = Path.of("src/main/resources/upload/crc64nvme.js");

    @Test
    void theStandardCheckValueOf123456789() throws Exception {
        assertThat(runNode("new TextEncoder().encode('123456789')"))
                .isEqualTo(base64Of("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Base64.getDecoder().decode(base64Of("123456789".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new byte[] {(byte) 0xAE, (byte) 0x8B, 0x14, (byte) 0x86, 0x0A, 0x79, (byte) 0x98,
                        (byte) 0x88});
    }

    @Test
    void aMegabyteOfRandomBytesInUnevenSlicesMatchesTheJavaChecksum() throws Exception {
        byte[] bytes = new byte[1_000_003];
        new Random(18).nextBytes(bytes);
        String array = "Uint8Array.from(atob('" + Base64.getEncoder().encodeToString(bytes)
                + "'), c => c.charCodeAt(0))";

        assertThat(runNode(array, 7, 65_536)).isEqualTo(base64Of(bytes));
    }

    private static String base64Of(byte[] bytes) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(crc.bytes());
    }

    /**
     * The page's checksum of {@code bytes} (a JS expression), fed in slices of the given sizes, in turn, as the page
     * reads a file.
     */
    private static String runNode(String bytes, int... slices) throws IOException, InterruptedException {
        Process node;
        try {
            node = new ProcessBuilder("node", "--input-type=module").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(
                    "node is not installed: the page's checksum is then checked by UploadPageBrowserTest only");
            throw e;
        }
        int[] sizes = slices.length == 0 ? new int[] {Integer.MAX_VALUE} : slices;
        String program = Files.readString(SCRIPT) + "\nconst bytes = " + bytes + ";\nconst crc = new Crc64Nvme();\n"
                + "const sizes = [" + String.join(",", java.util.Arrays.stream(sizes).mapToObj(String::valueOf)
                        .toList()) + "];\n"
                + "for (let from = 0, i = 0; from < bytes.length; from += sizes[i++ % sizes.length]) {\n"
                + "  crc.update(bytes.subarray(from, from + sizes[i % "
                        + "sizes.length]));\n}\nconsole.log(crc.base64());\n";
        node.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        return out;
    }
}
