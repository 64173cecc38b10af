package io.sqsextended.bench;

import java.net.URI;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A process of its own (LargePayloadBench starts it with the chain's heap): the AWS extended client receives one
 * pointer message; it reads the whole payload into the message body, a String. Prints the outcome.
 * Arguments: s3Endpoint sqsEndpoint queueUrl bucket
 */
public final class ExtendedClientReceive {

    public static void main(String[] args) {
        AwsSettings settings = new AwsSettings("us-east-1", URI.create(args[0]), URI.create(args[1]),
                "local-access-key", "local-secret-key");
        long start = System.nanoTime();
        try (SqsClient extended = new AmazonSQSExtendedClient(AwsClients.sqs(settings),
                new ExtendedClientConfiguration().withPayloadSupportEnabled(AwsClients.s3(settings), args[3], false))) {
            for (Message message : extended.receiveMessage(r -> r.queueUrl(args[2]).maxNumberOfMessages(1)
                    .waitTimeSeconds(5)).messages()) {
                System.out.printf("received a body of %d characters after %.1f s%n", message.body().length(),
                        (System.nanoTime() - start) / 1e9);
            }
        } catch (Throwable e) {
            System.out.printf("failed after %.1f s, max heap %d MiB, with:%n", (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
