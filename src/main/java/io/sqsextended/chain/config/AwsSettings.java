package io.sqsextended.chain.config;

import java.net.URI;
import java.util.Optional;

import org.apache.camel.CamelContext;

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

    /** Reads the {@code chain.region} and {@code chain.aws.*} keys. */
    public static AwsSettings from(CamelContext context) {
        String common = ChainProperties.get(context, "chain.aws.endpoint-override").orElse(null);
        return new AwsSettings(
                ChainProperties.get(context, "chain.region").orElse(null),
                uri(ChainProperties.get(context, "chain.aws.s3-endpoint-override").orElse(common)),
                uri(ChainProperties.get(context, "chain.aws.sqs-endpoint-override").orElse(common)),
                ChainProperties.get(context, "chain.aws.access-key").orElse(null),
                ChainProperties.get(context, "chain.aws.secret-key").orElse(null));
    }

    public Optional<URI> s3EndpointOverride() {
        return Optional.ofNullable(s3Endpoint);
    }

    public Optional<URI> sqsEndpointOverride() {
        return Optional.ofNullable(sqsEndpoint);
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }
}
