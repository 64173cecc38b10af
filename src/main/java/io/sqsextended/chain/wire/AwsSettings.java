package io.sqsextended.chain.wire;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS clients point and who they are: AWS itself (default chains), an endpoint override such as
 * LocalStack or MinIO, or the embedded stack of local mode.
 *
 * @param region     signing region; null means the SDK's default region chain
 * @param s3Endpoint S3 endpoint override, or null for AWS
 * @param sqsEndpoint SQS endpoint override, or null for AWS
 * @param accessKey  static credentials (local mode), or null for the default credentials chain
 * @param secretKey  secret of {@code accessKey}
 */
public record AwsSettings(String region, URI s3Endpoint, URI sqsEndpoint, String accessKey, String secretKey) {

    /** The same, with S3 reached at {@code endpoint} (the address clients use, for presigning). */
    public AwsSettings withS3Endpoint(URI endpoint) {
        return new AwsSettings(region, endpoint, sqsEndpoint, accessKey, secretKey);
    }

    public Optional<URI> s3EndpointOverride() {
        return Optional.ofNullable(s3Endpoint);
    }

    public Optional<URI> sqsEndpointOverride() {
        return Optional.ofNullable(sqsEndpoint);
    }
}
