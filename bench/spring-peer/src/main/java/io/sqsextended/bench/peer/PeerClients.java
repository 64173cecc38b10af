package io.sqsextended.bench.peer;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * The tuned peer's HTTP clients, when peer.connections is set: the S3 client's Apache pool and the SQS async client's
 * Netty pool with that many connections (the SDK's default is 50 for each), through Spring Cloud AWS's customizers.
 */
@Configuration
@ConditionalOnProperty("peer.connections")
class PeerClients {

    @Bean
    S3ClientCustomizer s3Connections(@Value("${peer.connections}") int connections) {
        return builder -> builder.httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections));
    }

    @Bean
    SqsAsyncClientCustomizer sqsConnections(@Value("${peer.connections}") int connections) {
        return builder -> builder.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(connections));
    }
}
