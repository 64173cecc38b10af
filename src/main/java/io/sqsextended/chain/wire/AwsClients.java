package io.sqsextended.chain.wire;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the S3 and SQS clients for AWS or for an S3/SQS-compatible endpoint, from the same settings. */
public final class AwsClients {

    private AwsClients() {
    }

    public static S3Client s3(AwsSettings settings) {
        var builder = S3Client.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).connectionTimeout(Duration.ofSeconds(5)))
                // the consumer verifies payloads itself, to fail them as checksum-mismatch and pass the value on
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.s3EndpointOverride().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                // S3-compatible servers (S3Proxy, older MinIO) refuse the SDK's trailing flexible checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        return builder.build();
    }

    public static S3Presigner presigner(AwsSettings settings) {
        var builder = S3Presigner.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings));
        settings.s3EndpointOverride().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    public static SqsClient sqs(AwsSettings settings) {
        var builder = SqsClient.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).connectionTimeout(Duration.ofSeconds(5)));
        settings.sqsEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.accessKey() != null && settings.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public static Region region(AwsSettings settings) {
        return settings.region() != null ? Region.of(settings.region()) : DefaultAwsRegionProviderChain.builder().build().getRegion();
    }
}
