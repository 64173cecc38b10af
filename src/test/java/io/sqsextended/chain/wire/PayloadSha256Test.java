package io.sqsextended.chain.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadSha256Test {

    private static final byte[] BODY = "a payload the SDK may send twice".getBytes(StandardCharsets.UTF_8);

    @Test
    void bytesReadAgainAfterAResetAreHashedOnce() throws IOException {
        // as the SDK's retry of a markable body does: mark at the start, read some, reset, send it all
        PayloadSha256.Digesting body = PayloadSha256.digesting(new ByteArrayInputStream(BODY));
        body.mark(Integer.MAX_VALUE);
        body.readNBytes(10);
        body.reset();
        body.readAllBytes();

        assertThat(body.attribute().stringValue()).isEqualTo(Base64.getEncoder().encodeToString(Sha256.of(BODY)));
    }

    @Test
    void theAttributeIsTheSha256OfTheBytesRead() throws IOException {
        PayloadSha256.Digesting body = PayloadSha256.digesting(new ByteArrayInputStream(BODY));
        body.transferTo(OutputStream.nullOutputStream());

        assertThat(body.attribute().dataType()).isEqualTo("String");
        assertThat(body.attribute().stringValue()).isEqualTo(Base64.getEncoder().encodeToString(Sha256.of(BODY)));
    }
}
