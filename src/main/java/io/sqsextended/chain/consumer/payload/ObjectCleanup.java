package io.sqsextended.chain.consumer.payload;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deletes delivered objects once their SQS message is deleted, never before: a crash in between would otherwise
 * leave a message whose object is gone.
 */
public final class ObjectCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCleanup.class);
    private static final String PROPERTY = "ChainObjectCleanup";
    private static final Runnable NOTHING = () -> { };

    private record Target(S3Client s3, String bucket, String key) {
    }

    private ObjectCleanup() {
    }

    static void schedule(Exchange exchange, S3Client s3, String bucket, String key) {
        @SuppressWarnings("unchecked")
        List<Target> targets = exchange.getProperty(PROPERTY, List.class);
        if (targets == null) {
            targets = new ArrayList<>();
            exchange.setProperty(PROPERTY, targets);
        }
        targets.add(new Target(s3, bucket, key));
    }

    /**
     * What to run once the exchange's message is deleted: nothing when it went to the dead-letter queue, whose redrive
     * needs the objects.
     */
    public static Runnable afterDelete(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Target> targets = exchange.getProperty(PROPERTY, List.class);
        if (targets == null || ExchangeHelper.isFailureHandled(exchange)) {
            return NOTHING;
        }
        return () -> targets.forEach(ObjectCleanup::delete);
    }

    private static void delete(Target target) {
        try {
            target.s3().deleteObject(r -> r.bucket(target.bucket()).key(target.key()));
            LOG.debug("Deleted delivered payload s3://{}/{}", target.bucket(), target.key());
        } catch (SdkException e) {
            LOG.warn("Could not delete delivered payload s3://{}/{} (the bucket's lifecycle rule will): {}",
                    target.bucket(), target.key(), e.toString());
        }
    }
}
