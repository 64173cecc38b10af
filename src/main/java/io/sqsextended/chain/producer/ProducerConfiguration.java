package io.sqsextended.chain.producer;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.presign.UploadRules;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the extended producer's beans. Lazy: made when first looked up, once every configuration has run (the AWS
 * clients and, in local mode, the queue exist only then).
 */
@Configuration
public class ProducerConfiguration implements CamelConfiguration {

    /** The {@link ExtendedPublisher}, for Java code that publishes without a route. */
    public static final String PUBLISHER = "extendedPublisher";
    static final String MESSAGES_ENDPOINT = "messagesEndpoint";
    static final String QUEUE_URLS = "producerQueueUrls";

    @BindToRegistry(value = PUBLISHER, lazy = true)
    public ExtendedPublisher publisher(S3Client s3, SqsClient sqs, CamelContext context) {
        return new ExtendedPublisher(s3, sqs, ChainConfig.of(context).get(ProducerSettings.GROUP).extended());
    }

    @BindToRegistry(value = QUEUE_URLS, lazy = true)
    public QueueUrls queueUrls(SqsClient sqs) {
        return new QueueUrls(sqs);
    }

    /** {@code POST /v1/messages} publishes to the producer's queue, under the presign API's upload rules. */
    @BindToRegistry(value = MESSAGES_ENDPOINT, lazy = true)
    public MessagesEndpoint messagesEndpoint(ExtendedPublisher publisher, UploadRules rules, QueueUrls queueUrls,
                                             CamelContext context) {
        ChainConfig config = ChainConfig.of(context);
        String queue = config.get(ProducerSettings.GROUP).queue();
        return new MessagesEndpoint(publisher, rules, config.get(PresignSettings.GROUP).maxSize(),
                () -> queueUrls.of(queue));
    }
}
