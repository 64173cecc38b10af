package io.sqsextended.chain.consumer.events;

import java.io.FileInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sqsextended.chain.consumer.events.PayloadReference.ObjectReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.sqsextended.chain.testkit.TestEvents.objectCreated;
import static io.sqsextended.chain.testkit.TestEvents.snsEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With chain.consumer.sns.verify-signatures, only envelopes signed with an SNS certificate are unwrapped. */
class SnsSignaturesTest {

    static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;
    static PrivateKey signingKey;
    static X509Certificate certificate;
    final List<URI> fetched = new ArrayList<>();
    final MessageParser parser = new MessageParser(Set.of("payloads"), List.of(new PointerGrant(null, "offload/")),
            new SnsSignatures(url -> {
        fetched.add(url);
        return certificate;
    }));

    /** A key pair and self-signed certificate standing in for SNS's, made with the JDK's keytool. */
    @BeforeAll
    static void signingCertificate() throws Exception {
        Path store = keys.resolve("sns.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com", "-validity",
                        "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        signingKey = (PrivateKey) keyStore.getKey("sns", "changeit".toCharArray());
        certificate = (X509Certificate) keyStore.getCertificate("sns");
    }

    static ObjectNode signed(String signatureVersion, String certUrl) throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(
                snsEnvelope(objectCreated("payloads", "input/signed.txt", "01")));
        envelope.put("SignatureVersion", signatureVersion).put("SigningCertURL", certUrl);
        String canonical = "Message\n" + envelope.get("Message").asText() + "\nMessageId\n" + envelope.get("MessageId")
                .asText()
                + "\nSubject\n" + envelope.get("Subject").asText() + "\nTimestamp\n" + envelope.get("Timestamp")
                        .asText()
                + "\nTopicArn\n" + envelope.get("TopicArn").asText() + "\nType\nNotification\n";
        Signature signature = Signature.getInstance("1".equals(signatureVersion) ? "SHA1withRSA" : "SHA256withRSA");
        signature.initSign(signingKey);
        signature.update(canonical.getBytes(StandardCharsets.UTF_8));
        return envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
    }

    List<PayloadReference> parse(ObjectNode envelope) {
        return parser.parse(new IncomingMessage("m-1", envelope.toString(), Map.of(), null));
    }

    @ParameterizedTest(name = "SignatureVersion {0}")
    @ValueSource(strings = {"1", "2"})
    void aNotificationSignedBySnsIsUnwrapped(String version) throws Exception {
        assertThat(parse(signed(version, CERT_URL))).singleElement().isInstanceOfSatisfying(ObjectReference.class,
                object -> assertThat(object.key()).isEqualTo("input/signed.txt"));
        assertThat(fetched).containsExactly(URI.create(CERT_URL));
    }

    @Test
    void theCertificateIsFetchedOncePerUrl() throws Exception {
        parse(signed("2", CERT_URL));
        parse(signed("2", CERT_URL));

        assertThat(fetched).hasSize(1);
    }

    @Test
    void aNotificationWhoseMessageWasChangedAfterSigningIsRefused() throws Exception {
        ObjectNode envelope = signed("2", CERT_URL);
        envelope.put("Message", objectCreated("payloads", "input/someone else's.txt", "01"));

        assertThatThrownBy(() -> parse(envelope)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("does not verify");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://sns.eu-west-1.amazonaws.com/cert.pem",
            "https://sns.eu-west-1.amazonaws.com.attacker.example/cert.pem",
            "https://attacker.example/cert.pem", "https://sns.eu-west-1.amazonaws.com:8443/cert.pem",
            "https://sns.eu-west-1.amazonaws.com/cert.txt", "https://user@sns.eu-west-1.amazonaws.com/cert.pem",
                    "not a url"})
    void aCertificateFromAnywhereButSnsOverHttpsIsRefusedWithoutBeingFetched(String url) throws Exception {
        assertThatThrownBy(() -> parse(signed("2", url))).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("SigningCertURL");
        assertThat(fetched).isEmpty();
    }

    @Test
    void anUnsignedOrUnknownVersionEnvelopeIsRefused() throws Exception {
        ObjectNode unknown = signed("2", CERT_URL).put("SignatureVersion", "3");
        ObjectNode unsigned = signed("2", CERT_URL);
        unsigned.remove("Signature");

        assertThatThrownBy(() -> parse(unknown)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("SignatureVersion 3");
        assertThatThrownBy(() -> parse(unsigned)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void withoutVerificationAnUnsignedNotificationIsUnwrapped() throws Exception {
        ObjectNode unsigned = (ObjectNode) JSON.readTree(
                snsEnvelope(objectCreated("payloads", "input/unsigned.txt", "01")));

        assertThat(new MessageParser(Set.of("payloads"), List.of(new PointerGrant(null, "offload/")))
                .parse(new IncomingMessage("m-1", unsigned.toString(), Map.of(), null)))
                .singleElement().isInstanceOf(ObjectReference.class);
    }
}
