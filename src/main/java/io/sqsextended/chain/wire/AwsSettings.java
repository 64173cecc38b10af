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
 * @param s3PublicEndpoint S3 as the app's clients reach it, named by presigned URLs, or null: {@code s3Endpoint}
 */
public record AwsSettings(String region, URI s3Endpoint, URI sqsEndpoint, String accessKey, String secretKey,
        URI s3PublicEndpoint) {

    /** Clients reach S3 where the app does. */
    public AwsSettings(String region, URI s3Endpoint, URI sqsEndpoint, String accessKey, String secretKey) {
        this(region, s3Endpoint, sqsEndpoint, accessKey, secretKey, null);
    }

    /** The endpoint presigned URLs name: the public one, else the app's own override, else AWS's (empty). */
    public Optional<URI> presignEndpointOverride() {
        return Optional.ofNullable(s3PublicEndpoint).or(this::s3EndpointOverride);
    }

    public Optional<URI> s3EndpointOverride() {
        return Optional.ofNullable(s3Endpoint);
    }

    public Optional<URI> sqsEndpointOverride() {
        return Optional.ofNullable(sqsEndpoint);
    }
}
