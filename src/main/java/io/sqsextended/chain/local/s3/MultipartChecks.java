package io.sqsextended.chain.local.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.sqsextended.chain.local.s3.store.FlexibleChecksum;
import io.sqsextended.chain.local.s3.store.MultipartChecksums;
import io.sqsextended.chain.local.s3.store.RequestedChecksum;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.BlobMetadata;

/**
 * In front of S3Proxy's handler: the checksums S3 checks when a multipart upload is created (a type its algorithm
 * cannot have) and completed, which S3Proxy 2.7.0 cannot (its store has no way to answer InvalidRequest, is handed
 * neither the parts' checksums nor the whole's, and completes after the 200 is sent). The completion's body (its part
 * list, a few hundred KB at most) is read here, checked ({@link MultipartChecksums#refusal}) and handed on. Only
 * requests signed with the embedded S3's keys are checked: S3 authenticates first, and S3Proxy refuses the others.
 */
final class MultipartChecks extends HandlerWrapper {

    /** 10,000 parts with an ETag and a checksum each fit well within this. */
    private static final int MAX_COMPLETION_BYTES = 4 * 1024 * 1024;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final BlobStore store;
    private final MultipartChecksums checksums;
    private final String accessKey;
    private final String secretKey;

    private MultipartChecks(BlobStore store, MultipartChecksums checksums, String accessKey, String secretKey) {
        this.store = store;
        this.checksums = checksums;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Puts this in front of the proxy's handler (before it starts), inside {@link S3Requests}. */
    static void install(S3Proxy proxy, BlobStore store, MultipartChecksums checksums, String accessKey,
            String secretKey) {
        ProxyHandlers.insert(proxy, new MultipartChecks(store, checksums, accessKey, secretKey));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        boolean post = "POST".equals(request.getMethod());
        String uploadId = post ? queryParameter(request.getQueryString(), "uploadId") : null;
        String[] path = request.getRequestURI().split("/", 3);
        boolean create = post && uploadId == null && isCreate(request.getQueryString());
        if ((uploadId == null && !create) || path.length < 3 || !signedByTheseKeys(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        if (create) {
            Optional<MultipartChecksums.Refusal> refusal = MultipartChecksums.refusalToCreate(
                    RequestedChecksum.of(request));
            if (refusal.isPresent()) {
                S3ErrorResponse.send(baseRequest, response, 400, refusal.get().code(), refusal.get().message());
            } else {
                super.handle(target, baseRequest, request, response);
            }
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_COMPLETION_BYTES + 1);
        if (body.length > MAX_COMPLETION_BYTES) {
            S3ErrorResponse.send(baseRequest, response, 400, "MaxMessageLengthExceeded", "Your request was too big.");
            return;
        }
        String bucket = path[1];
        String key = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
        Optional<MultipartChecksums.Refusal> refusal = stubMetadata(bucket, uploadId).flatMap(stub -> parts(body)
                .flatMap(parts -> checksums.refusal(bucket, uploadId, key, stub, parts,
                        RequestedChecksum.of(request))));
        if (refusal.isPresent()) {
            S3ErrorResponse.send(baseRequest, response, 400, refusal.get().code(), refusal.get().message());
            return;
        }
        super.handle(target, baseRequest, new ReplacedBody(request, new ByteArrayInputStream(body)), response);
    }

    private boolean signedByTheseKeys(HttpServletRequest request) {
        String payloadHash = request.getHeader("x-amz-content-sha256");
        return payloadHash != null && SigV4.of(request, secretKey)
                .filter(signer -> signer.accessKey().equals(accessKey) && signer.signs(request, payloadHash))
                .isPresent();
    }

    /** The user metadata of the upload's stub; empty for an upload S3Proxy does not know (it answers NoSuchUpload). */
    private Optional<Map<String, String>> stubMetadata(String bucket, String uploadId) {
        try {
            return Optional.ofNullable(store.blobMetadata(bucket, uploadId)).map(BlobMetadata::getUserMetadata);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The parts a CompleteMultipartUpload body names; empty when it is not XML (S3Proxy answers MalformedXML). */
    static Optional<List<MultipartChecksums.NamedPart>> parts(byte[] body) {
        List<MultipartChecksums.NamedPart> parts = new ArrayList<>();
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            Integer number = null;
            Map<FlexibleChecksum, String> given = new EnumMap<>(FlexibleChecksum.class);
            while (xml.hasNext()) {
                int event = xml.next();
                String element = event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT
                        ? xml.getLocalName() : "";
                if (event == XMLStreamConstants.START_ELEMENT && element.equals("PartNumber")) {
                    number = Integer.valueOf(xml.getElementText().strip());
                } else if (event == XMLStreamConstants.START_ELEMENT && element.startsWith("Checksum")) {
                    Optional<FlexibleChecksum> algorithm = FlexibleChecksum.named(
                            element.substring("Checksum".length()));
                    String value = xml.getElementText().strip();
                    algorithm.ifPresent(named -> given.put(named, value));
                } else if (event == XMLStreamConstants.END_ELEMENT && element.equals("Part") && number != null) {
                    parts.add(new MultipartChecksums.NamedPart(number, Map.copyOf(given)));
                    number = null;
                    given.clear();
                }
            }
            return Optional.of(parts);
        } catch (XMLStreamException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a raw query string is a CreateMultipartUpload's ({@code ?uploads}). */
    private static boolean isCreate(String query) {
        return query != null && Arrays.stream(query.split("&"))
                .anyMatch(p -> p.equals("uploads") || p.equals("uploads="));
    }

    /** A parameter of a raw query string, decoded; null when it has none. */
    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
