package io.sqsextended.chain.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the embedded stack ({@code chain.local.*}).
 *
 * @param dataDir            where objects and queued messages are kept across restarts
 * @param bindAddress        address both servers listen on (loopback by default)
 * @param s3Port             S3Proxy port, 0 for any free port
 * @param sqsPort            ElasticMQ port, 0 for any free port
 * @param publicEndpoint     the embedded S3 as clients reach it (host of presigned URLs), or null: its own endpoint
 * @param accessKey          the only credentials the embedded S3 and SQS accept
 * @param secretKey          secret of {@code accessKey}
 * @param region             region in ARNs, queue URLs and signatures
 * @param template           CloudFormation template to provision from ({@code classpath:} or a file path)
 * @param stackName          value of {@code AWS::StackName} when evaluating the template
 * @param parameters         template parameter overrides ({@code chain.local.parameter.<Name>})
 * @param storageReserve     bytes kept free on the data disk: uploads that would eat into them are refused
 */
public record LocalSettings(Path dataDir, String bindAddress, int s3Port, int sqsPort, URI publicEndpoint, String accessKey,
                            String secretKey, String region, String template, String stackName,
                            Map<String, String> parameters, long storageReserve) {

    public static final String ACCOUNT_ID = "000000000000";
    /**
     * Longest key segment of the embedded S3: a file name of at most 255 bytes, from which S3Proxy's filesystem store
     * takes 43 (a multipart part is {@code .mpus-<uploadId>-<key>-<part number>}, each upload is first written to
     * {@code <name>-<uuid>}). S3 itself has no such limit.
     */
    public static final int MAX_KEY_SEGMENT_BYTES = 212;
    /** Region of ARNs and queue URLs when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Host name that clients use to reach a server bound to {@link #bindAddress()}. */
    public String publicHost() {
        return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "localhost" : bindAddress;
    }

    /** Where an embedded server on {@code port} answers: known before it starts, so that clients can be built meanwhile. */
    URI endpoint(int port) {
        return URI.create("http://" + publicHost() + ":" + port);
    }
}
