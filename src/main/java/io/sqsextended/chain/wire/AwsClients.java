package io.sqsextended.chain.wire;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** Builds the S3 and SQS clients for AWS or for an S3/SQS-compatible endpoint, from the same settings. */
public final class AwsClients {

    private AwsClients() {
    }

    /** Connections of each client's HTTP pool unless told otherwise (the SDK's default is 50). */
    public static final int CONNECTIONS = 64;

    public static S3Client s3(AwsSettings settings) {
        return s3(settings, CONNECTIONS);
    }

    /** The same with this many pooled HTTP connections. */
    public static S3Client s3(AwsSettings settings, int connections) {
        var builder = S3Client.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(apache(connections))
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
        settings.presignEndpointOverride().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    public static SqsClient sqs(AwsSettings settings) {
        return sqsBuilder(settings).httpClientBuilder(apache(CONNECTIONS)).build();
    }

    /** The same over this HTTP client, which the caller closes (the SDK closes only the ones it builds). */
    public static SqsClient sqs(AwsSettings settings, SdkHttpClient http) {
        return sqsBuilder(settings).httpClient(http).build();
    }

    private static SqsClientBuilder sqsBuilder(AwsSettings settings) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings));
        settings.sqsEndpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The HTTP client of {@link #sqs(AwsSettings)} and {@link #s3(AwsSettings, int)}, for a caller that wraps it. */
    public static SdkHttpClient httpClient(int connections) {
        return apache(connections).build();
    }

    private static ApacheHttpClient.Builder apache(int connections) {
        return ApacheHttpClient.builder().maxConnections(connections).connectionTimeout(Duration.ofSeconds(5));
    }

    public static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.accessKey() != null && settings.secretKey() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public static Region region(AwsSettings settings) {
        return settings.region() != null ? Region.of(settings.region()) : DefaultAwsRegionProviderChain.builder()
                .build().getRegion();
    }
}
