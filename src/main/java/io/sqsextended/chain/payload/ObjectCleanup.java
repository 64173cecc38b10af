package io.sqsextended.chain.payload;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deletes a delivered object when the exchange completes. Ordered last, so it runs after the SQS consumer's own
 * completion, which deletes the message: the message goes first, then the object.
 */
final class ObjectCleanup implements Synchronization, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCleanup.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;

    ObjectCleanup(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public void onComplete(Exchange exchange) {
        // a message moved to the dead-letter queue completes too; its object must stay for a later redrive
        if (ExchangeHelper.isFailureHandled(exchange)) {
            return;
        }
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
            LOG.debug("Deleted delivered payload s3://{}/{}", bucket, key);
        } catch (SdkException e) {
            LOG.warn("Could not delete delivered payload s3://{}/{} (the bucket's lifecycle rule will): {}", bucket, key, e.toString());
        }
    }

    @Override
    public void onFailure(Exchange exchange) {
        // the message stays on the queue, and so must its object
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }
}
